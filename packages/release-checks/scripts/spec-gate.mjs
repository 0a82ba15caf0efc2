#!/usr/bin/env node
// CLI: node packages/release-checks/scripts/spec-gate.mjs [--spec f] [--released f] [--changesets dir]
// Exits 1 when the spec breaks its last release without a major changeset for types and client.
// Without --spec it checks the current spec, as @mailtrap-webhooks/spec ships it.
import { parseArgs } from "node:util";
import { runGate } from "../src/gate.mjs";
import { repoPaths } from "../src/paths.mjs";

const defaults = repoPaths();
const { values } = parseArgs({
  options: {
    spec: { type: "string" },
    released: { type: "string", default: defaults.released },
    changesets: { type: "string", default: defaults.changesets },
  },
});
const result = runGate({
  ...(values.spec ? { spec: values.spec } : {}),
  released: String(values.released),
  changesets: String(values.changesets),
});
(result.ok ? console.log : console.error)(result.report);
process.exitCode = result.ok ? 0 : 1;
