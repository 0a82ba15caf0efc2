// The release gate: breaking spec changes need a major changeset for types and client.
import { existsSync } from "node:fs";
import { loadSpec, readSpecFile } from "@mailtrap-webhooks/spec";
import { pendingBumps } from "./changesets.mjs";
import { diffSpecs } from "./diff-spec.mjs";
import { HINTS } from "./rules.mjs";

/** Both carry the spec's shapes to users, so both must announce a break. */
export const MUST_BE_MAJOR = ["@mailtrap-webhooks/types", "@mailtrap-webhooks/client"];

/** @typedef {import("./rules.mjs").Change} Change */
/**
 * `spec`: another copy to check instead of the current spec (tests, scratch edits).
 * @typedef {{ spec?: string, released: string, changesets: string }} GatePaths
 */
/** @typedef {{ ok: boolean, breaking: Change[], missingMajor: string[], report: string }} GateResult */

/** @param {GatePaths} paths @returns {GateResult} */
export function runGate(paths) {
  if (!existsSync(paths.released)) {
    const report = `Spec gate: no released spec at ${paths.released}.\n  What to do: run scripts/snapshot-spec.mjs once to record the last released spec.`;
    return { ok: false, breaking: [], missingMajor: [], report };
  }
  const current = paths.spec ? readSpecFile(paths.spec) : loadSpec();
  const breaking = diffSpecs(readSpecFile(paths.released), current);
  const bumps = pendingBumps(paths.changesets);
  const missingMajor = breaking.length ? MUST_BE_MAJOR.filter((pkg) => bumps.get(pkg) !== "major") : [];
  const ok = missingMajor.length === 0;
  return { ok, breaking, missingMajor, report: format(breaking, missingMajor) };
}

/** @param {Change[]} breaking @param {string[]} missingMajor */
function format(breaking, missingMajor) {
  if (!breaking.length) return "Spec gate: no breaking changes since the last release.";
  const count = `${breaking.length} breaking change${breaking.length === 1 ? "" : "s"}`;
  if (!missingMajor.length) {
    return `Spec gate: ${count} since the last release, announced by a major changeset for ${MUST_BE_MAJOR.join(" and ")}.`;
  }
  const lines = [
    `Spec gate FAILED: ${count} since the last release and no major changeset for ${missingMajor.join(" and ")}.`,
    "",
  ];
  // Grouped by rule, so a shared schema used in many places states its hint once.
  /** @type {Map<string, Change[]>} */
  const byRule = new Map();
  for (const change of breaking) byRule.set(change.rule, [...(byRule.get(change.rule) ?? []), change]);
  for (const [rule, changes] of byRule) {
    lines.push(`[${rule}] ${changes.length}×`);
    for (const change of changes) lines.push(`  - ${change.location}: ${change.detail}`);
    lines.push(`  What to do: ${HINTS[rule] ?? "Undo the change or ship it in a major release."}`, "");
  }
  lines.push(
    "If the break is intended: run `pnpm changeset`, choose major for",
    `${MUST_BE_MAJOR.join(" and ")}, and describe the migration in the summary.`,
  );
  return lines.join("\n");
}
