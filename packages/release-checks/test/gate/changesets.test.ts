import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pendingBumps } from "../../src/changesets.mjs";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "changesets-"));
  writeFileSync(join(dir, "README.md"), "---\nnot: a changeset\n---\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("pendingBumps", () => {
  it("reads each changeset's frontmatter, keeps the highest bump and skips the README", () => {
    writeFileSync(join(dir, "a.md"), '---\n"@mailtrap-webhooks/types": minor\n---\n\nOne.\n');
    writeFileSync(
      join(dir, "b.md"),
      "---\n'@mailtrap-webhooks/types': major\n'@mailtrap-webhooks/mock': patch\n---\n",
    );
    writeFileSync(join(dir, "c.md"), '---\n"@mailtrap-webhooks/types": patch\n---\n');
    expect(Object.fromEntries(pendingBumps(dir))).toEqual({
      "@mailtrap-webhooks/types": "major",
      "@mailtrap-webhooks/mock": "patch",
    });
  });

  it("accepts an empty changeset", () => {
    writeFileSync(join(dir, "empty.md"), "---\n---\n");
    expect(pendingBumps(dir).size).toBe(0);
  });

  it("names a file without frontmatter", () => {
    writeFileSync(join(dir, "broken.md"), "just text\n");
    expect(() => pendingBumps(dir)).toThrow(/broken\.md/);
  });
});
