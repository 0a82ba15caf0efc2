#!/usr/bin/env node
// Records the spec as released. Run right after `changeset version`, so the gate compares
// future edits with what was just released. The spec is the copy @mailtrap-webhooks/spec
// ships, rebuilt first so an edit not yet built is not missed. Optional: --spec f --out f
// (tests use them, and skip the rebuild).
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { specPath } from "@mailtrap-webhooks/spec";
import { repoPaths } from "../src/paths.mjs";

const { values } = parseArgs({
  options: {
    spec: { type: "string" },
    out: { type: "string", default: repoPaths().released },
  },
});
if (!values.spec) {
  const cwd = new URL("..", import.meta.url);
  execFileSync("pnpm", ["--filter", "@mailtrap-webhooks/spec", "run", "build"], { cwd, stdio: "inherit" });
}
values.spec ??= specPath;
copyFileSync(String(values.spec), String(values.out));
console.log(`Recorded ${values.spec} as the released spec (${values.out}).`);
