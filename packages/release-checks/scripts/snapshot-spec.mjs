#!/usr/bin/env node
// Records the spec as released. Run right after `changeset version`, so the gate compares
// future edits with what was just released. Optional: --spec f --out f (tests use them).
import { copyFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { repoPaths } from "../src/paths.mjs";

const defaults = repoPaths();
const { values } = parseArgs({
  options: {
    spec: { type: "string", default: defaults.spec },
    out: { type: "string", default: defaults.released },
  },
});
copyFileSync(String(values.spec), String(values.out));
console.log(`Recorded ${values.spec} as the released spec (${values.out}).`);
