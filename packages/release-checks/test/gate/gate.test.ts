import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runGate } from "../../src/gate.mjs";
import { LIST, OK_JSON, OPERATIONS } from "../rules/locations.js";
import { type Edit, type Scratch, schemas, scratch } from "../scratch.js";

const TYPES = "@mailtrap-webhooks/types";
const CLIENT = "@mailtrap-webhooks/client";
// Every operation answers a Webhook, so dropping its url is one break per operation.
const removedUrlBreaks = OPERATIONS.length;
const removeUrl: Edit = (spec) => {
  const webhook = schemas(spec).Webhook;
  delete webhook.properties.url;
  webhook.required = webhook.required.filter((name: string) => name !== "url");
};

let repo: Scratch | undefined;
afterEach(() => repo?.cleanup());
const open = (edit: Edit) => {
  repo = scratch(edit);
  return repo;
};

describe("runGate", () => {
  it("passes without breaking changes and without changesets", () => {
    const result = runGate(open((spec) => (schemas(spec).Webhook.properties.note = { type: "string" })));
    expect(result).toMatchObject({ ok: true, breaking: [], missingMajor: [] });
  });

  it("passes a breaking change announced as major for types and client", () => {
    const paths = open(removeUrl);
    paths.addChangeset("drop-url", { [TYPES]: "major", [CLIENT]: "major" });
    const result = runGate(paths);
    expect(result.ok).toBe(true);
    expect(result.breaking).toHaveLength(removedUrlBreaks);
    expect(result.report).toContain(`${removedUrlBreaks} breaking changes since the last release, announced`);
  });

  it("counts majors spread over several changesets", () => {
    const paths = open(removeUrl);
    paths.addChangeset("types", { [TYPES]: "major" });
    paths.addChangeset("client", { [CLIENT]: "major", "@mailtrap-webhooks/mock": "patch" });
    expect(runGate(paths).ok).toBe(true);
  });

  it("fails a breaking change with only a minor changeset, listing location and what to do", () => {
    const paths = open(removeUrl);
    paths.addChangeset("drop-url", { [TYPES]: "minor", [CLIENT]: "minor" });
    const result = runGate(paths);
    expect(result.ok).toBe(false);
    expect(result.missingMajor).toEqual([TYPES, CLIENT]);
    expect(result.report).toContain(
      `[property-removed] ${removedUrlBreaks}×\n  - ${LIST} › ${OK_JSON} › data[].url: is no longer sent\n`,
    );
    expect(result.report).toContain("What to do: Keep the field and mark it `deprecated: true`");
  });

  it("fails when only types is major", () => {
    const paths = open(removeUrl);
    paths.addChangeset("drop-url", { [TYPES]: "major" });
    expect(runGate(paths)).toMatchObject({ ok: false, missingMajor: [CLIENT] });
  });

  it("fails without a released spec", () => {
    const paths = open(() => {});
    rmSync(paths.released);
    const result = runGate(paths);
    expect(result.ok).toBe(false);
    expect(result.report).toContain("snapshot-spec.mjs");
  });
});

describe("spec-gate.mjs", () => {
  const cli = fileURLToPath(new URL("../../scripts/spec-gate.mjs", import.meta.url));
  const run = (paths: Scratch) =>
    spawnSync(
      process.execPath,
      [cli, "--spec", paths.spec, "--released", paths.released, "--changesets", paths.changesets],
      { encoding: "utf8" },
    );

  it("exits 1 and prints the report on stderr when the gate fails", () => {
    const result = run(open(removeUrl));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Spec gate FAILED: ${removedUrlBreaks} breaking changes`);
  });

  it("exits 0 when the gate passes", () => {
    const result = run(open(() => {}));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("no breaking changes");
  });
});
