/**
 * Keeps the README honest: every ```ts block must appear verbatim in one of examples/*.ts,
 * which `tsc` type-checks (see tsconfig.json), and every example must be shown somewhere.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRawClient, type RawClientOptions } from "../../src/raw.js";
import { TOKEN } from "../helpers/fixtures.js";
import { serversClosedAfterEach } from "../helpers/server.js";

const root = new URL("../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const exampleDir = new URL("examples/", root);
const examples = readdirSync(exampleDir)
  .filter((name) => name.endsWith(".ts"))
  .map((name) => ({ name, text: readFileSync(new URL(name, exampleDir), "utf8") }));

/** The contents of every ```ts fence, without the fences. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "");
}

describe("README examples", () => {
  const blocks = tsBlocks(readme);

  it("finds the blocks and the example files", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(9);
    expect(examples.map((e) => e.name).sort()).toEqual([
      "account.ts",
      "errors.ts",
      "quickstart.ts",
      "raw.ts",
      "retries.ts",
    ]);
  });

  it.each(blocks.map((block, i) => [i + 1, block.split("\n")[0], block] as const))(
    "block %i (%s) is an excerpt of an example file",
    (_n, _first, block) => {
      expect(block.trim().length).toBeGreaterThan(0);
      const home = examples.find((e) => e.text.includes(block));
      expect(home, `README block not found verbatim in examples/*.ts:\n${block}`).toBeDefined();
    },
  );

  it.each(examples.map((e) => [e.name, e.text] as const))("%s is shown in the README", (_name, text) => {
    expect(blocks.some((block) => text.includes(block) && block.split("\n").length >= 5)).toBe(true);
  });

  it("the drift check itself catches an edited block", () => {
    const drifted = tsBlocks("```ts\nconst all = await client.list({ page: 2 });\n```\n")[0] ?? "";
    expect(drifted).toBe("const all = await client.list({ page: 2 });\n");
    expect(examples.some((e) => e.text.includes(drifted))).toBe(false);
  });
});

describe("the raw client block, run", () => {
  const serve = serversClosedAfterEach();
  const AsyncFunction = (async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;

  it('takes the error branch for a 404 with an empty body (openapi-fetch\'s error is then "")', async () => {
    const block = tsBlocks(readme).find((text) => text.includes("createRawClient({")) ?? "";
    // No content-length: openapi-fetch reads the empty body as the error "".
    const server = await serve((_req, res) => {
      res.writeHead(404, { "transfer-encoding": "chunked" });
      res.end();
    });
    const printed: unknown[][] = [];
    const console = {
      error: (...args: unknown[]) => printed.push(args),
      log: (...args: unknown[]) => printed.push(["log", ...args]),
    };
    // The block as written, with its import replaced by a client aimed at the local server.
    const run = new AsyncFunction("createRawClient", "console", block.replace(/^import .*$/m, ""));
    const toServer = (options: RawClientOptions) =>
      createRawClient({ ...options, apiToken: TOKEN, baseUrl: server.url });
    await run(toServer, console);
    expect(server.requests).toEqual(["GET /api/webhooks/8127"]);
    expect(printed).toEqual([[404, ""]]);
  });
});
