import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RateLimitError, UnexpectedStatusError } from "@mailtrap-webhooks/client";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const examplePath = (name: string) => fileURLToPath(new URL(`examples/${name}`, root));
const example = (name: string) => readFileSync(examplePath(name), "utf8");

/** The first TypeScript block under a README heading. */
function blockUnder(heading: string): string {
  const section = readme.split(new RegExp(`\\n#{2,3} ${heading}\\n`))[1]?.split(/\n#{2,3} /)[0] ?? "";
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error(`README has no TypeScript block under "## ${heading}"`);
  return block;
}

// The examples are type-checked with the package (its tsconfig includes examples/); here
// they are matched against the README and run.
describe("README examples", () => {
  it.each([
    { heading: "Test your integration end to end", file: "end-to-end.ts", uses: "startSimulator" },
    {
      heading: "Ask the mock for an error status",
      file: "error-status.ts",
      uses: 'headers.set("Prefer", prefer)',
    },
  ])("$heading shows examples/$file verbatim", ({ heading, file, uses }) => {
    const block = blockUnder(heading);
    expect(example(file)).toContain(block);
    expect(block).toContain(uses);
  });

  it("error-status runs: a documented status comes back as its error, an undeclared one is named", async () => {
    const { limited, undeclared } = await import("../../examples/error-status.js");
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(undeclared).toBeInstanceOf(UnexpectedStatusError);
    expect((undeclared as UnexpectedStatusError).body).toMatchObject({ status: 400 });
    expect(JSON.stringify((undeclared as UnexpectedStatusError).body)).toContain(
      "Prefer: code=500 asks listWebhooks for a 500 answer, but the spec declares only 200, 401, 403, 429 for it.",
    );
  });

  it("end-to-end runs: the failing receiver is retried, and the secret from create verifies the delivery", async () => {
    const { statuses, suppressed } = await import("../../examples/end-to-end.js");
    expect(statuses).toEqual([503, 200]);
    // Only the two subscribed events, spam_complaint arriving as "spam".
    expect(suppressed).toEqual(["annoyed@example.net (spam)", "nobody@example.org (bounce)"]);
  });
});
