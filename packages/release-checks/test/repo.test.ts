// The gate on this repository: turbo re-runs it when spec/ or .changeset/ change.
import { expect, it } from "vitest";
import { runGate } from "../src/gate.mjs";
import { repoPaths } from "../src/paths.mjs";

it("the current spec does not break the last release without a major changeset", () => {
  const result = runGate(repoPaths());
  expect(result.ok, `\n${result.report}\n`).toBe(true);
});
