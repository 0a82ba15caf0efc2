// "One reader of the spec" (DESIGN.md): only packages/spec names the spec's file; every
// other package imports @mailtrap-webhooks/spec for its path, document or examples.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { specJsonPath, specPath } from "@mailtrap-webhooks/spec";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../..", import.meta.url));

// The file names the spec package ships (taken from it, so this test names neither).
const specFileNames = [basename(specPath), basename(specJsonPath)];
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const mention = new RegExp(specFileNames.map(literal).join("|"), "g");

/** Where a mention is no second reader, and why. */
const allowed: Array<{ path: RegExp; why: string }> = [
  { path: /^packages\/spec\//, why: "the one reader: its copy script, loader and test" },
  { path: /\.md$/, why: "prose (READMEs, docs, changeset notes) may say where the spec lives" },
  { path: /^packages\/release-checks\/released\//, why: "the released snapshot itself" },
  // Redocly and Spectral lint the file people edit, not the spec package's built copy.
  { path: /^redocly\.yaml$/, why: "the spec linter's input" },
  { path: /^package\.json$/, why: "the lint:spec script's input" },
];

/** The release gate's own snapshot shares the file name; it is a different file. */
const releasedSnapshot = new RegExp(`released/${literal(basename(specPath))}`, "g");

interface TrackedFile {
  path: string;
  text: string;
}

/** Each file outside the allowed places that names the spec's file, with the line that does. */
function secondReaders(files: TrackedFile[]): string[] {
  return files.flatMap(({ path, text }) => {
    if (allowed.some((rule) => rule.path.test(path))) return [];
    const ownSnapshot = path.startsWith("packages/release-checks/");
    const names = (line: string) => (ownSnapshot ? line.replace(releasedSnapshot, "") : line).match(mention);
    return text
      .split("\n")
      .map((line, index) => ({ line, number: index + 1 }))
      .filter(({ line }) => names(line))
      .map(({ line, number }) => `${path}:${number}: ${line.trim()}`);
  });
}

function trackedFiles(): TrackedFile[] {
  const paths = execFileSync("git", ["ls-files", "-z"], { cwd: repo, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  // A file deleted in the working copy but still tracked reads nothing.
  return paths
    .filter((path) => existsSync(join(repo, path)))
    .map((path) => ({ path, text: readFileSync(join(repo, path), "utf8") }));
}

describe("one reader of the spec", () => {
  it("no tracked file outside packages/spec names the spec's file", () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(50);
    expect(secondReaders(files)).toEqual([]);
  });

  it("catches a path to the spec in code, whichever way it is spelled, and lets prose be", () => {
    const [yaml, json] = specFileNames;
    const found = secondReaders([
      { path: "packages/bench/src/fixtures.mjs", text: `new URL("../../../spec/${yaml}", import.meta.url)` },
      { path: "packages/mock/src/spec.ts", text: `join(dist, "${json}")` },
      {
        path: "packages/release-checks/src/paths.mjs",
        text: `"../released/${yaml}" and "../../spec/${yaml}"`,
      },
      { path: "packages/bench/README.md", text: `The spec lives in spec/${yaml}.` },
      { path: "packages/spec/scripts/copy-spec.mjs", text: `"../../../spec/${yaml}"` },
    ]);
    expect(found).toEqual([
      `packages/bench/src/fixtures.mjs:1: new URL("../../../spec/${yaml}", import.meta.url)`,
      `packages/mock/src/spec.ts:1: join(dist, "${json}")`,
      `packages/release-checks/src/paths.mjs:1: "../released/${yaml}" and "../../spec/${yaml}"`,
    ]);
  });
});
