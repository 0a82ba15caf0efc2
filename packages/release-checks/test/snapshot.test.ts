import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("snapshot-spec.mjs replaces the released copy with the spec, byte for byte", () => {
  dir = mkdtempSync(join(tmpdir(), "snapshot-"));
  const spec = join(dir, "spec.yaml");
  const out = join(dir, "released.yaml");
  writeFileSync(spec, "openapi: 3.1.0\ninfo: { title: t, version: '2' }   # kept as written\n");
  writeFileSync(out, "openapi: 3.1.0\ninfo: { title: t, version: '1' }\n");
  const script = fileURLToPath(new URL("../scripts/snapshot-spec.mjs", import.meta.url));
  const result = spawnSync(process.execPath, [script, "--spec", spec, "--out", out], { encoding: "utf8" });
  expect(result.status).toBe(0);
  expect(readFileSync(out, "utf8")).toBe(readFileSync(spec, "utf8"));
});
