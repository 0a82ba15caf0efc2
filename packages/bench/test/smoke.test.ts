// Runs `pnpm bench` in smoke mode (tiny counts, temp dir) and checks the report is complete:
// every row present, every ratio a finite number, the SVG well-formed enough to open.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENTS } from "../src/client-bench.mjs";
import { FORMATS } from "../src/parse-bench.mjs";
import { PAIRS } from "../src/receiver-bench.mjs";
import { sizeEntries } from "../src/size-bench.mjs";
import { SIZES, VERIFIERS } from "../src/verify-bench.mjs";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), "mailtrap-bench-smoke-"));

// biome-ignore lint/suspicious/noExplicitAny: the results file is plain JSON
let results: any;
let md: string;
let svg: string;

beforeAll(async () => {
  const { stdout } = await run(process.execPath, ["src/run.mjs", "--smoke", "--out", outDir], {
    cwd: packageDir,
    env: { ...process.env, BENCH_SMOKE: "1" },
    maxBuffer: 10 * 1024 * 1024,
  });
  expect(stdout).toContain(JSON.stringify({ outDir }));
  results = JSON.parse(readFileSync(join(outDir, "benchmarks.json"), "utf8"));
  md = readFileSync(join(outDir, "BENCHMARKS.md"), "utf8");
  svg = readFileSync(join(outDir, "benchmarks.svg"), "utf8");
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const finite = (value: unknown) => typeof value === "number" && Number.isFinite(value);
const rows = (text: string) => text.split("\n").filter((line) => line.startsWith("| "));

describe("pnpm bench --smoke", () => {
  it("writes to the temp dir and says it is a smoke run", () => {
    expect(results.meta.smoke).toBe(true);
    expect(md).toContain("SMOKE MODE");
    expect(md).toMatch(/Node v\d+/);
    expect(md).toMatch(/\d+ cores, \d+ GB memory/);
  });

  it("has a row per client with finite ratios against bare fetch", () => {
    for (const [key, label] of CLIENTS) {
      expect(rows(md).some((row) => row.startsWith(`| ${label} |`))).toBe(true);
      for (const mode of ["sequential", "concurrent"]) {
        const c = results.client[mode].clients[key];
        expect(finite(c.ratio.median), `${key} ${mode}`).toBe(true);
        expect(finite(c.usPerCall.median)).toBe(true);
        expect(c.usPerCall.median).toBeGreaterThan(0);
      }
    }
    expect(results.client.sequential.clients.fetch.ratio.median).toBe(1);
    expect(finite(results.client.concurrent.oursVsOfficial.median)).toBe(true);
  });

  it("has a row per verifier and body size with finite ratios", () => {
    for (const [size] of SIZES) {
      for (const [key, label] of VERIFIERS) {
        expect(
          rows(md).some((row) => row.startsWith(`| ${size} | ${label} |`)),
          `${size} ${key}`,
        ).toBe(true);
        expect(finite(results.verify[size].verifiers[key].ratio.median)).toBe(true);
      }
    }
  });

  it("has a parsing row per format with a finite ratio", () => {
    for (const [format, label] of FORMATS) {
      expect(rows(md).some((row) => row.startsWith(`| ${label} |`))).toBe(true);
      expect(finite(results.parse[format].ours.ratio.median)).toBe(true);
    }
  });

  it("has the receiver's throughput pairs, peak memory and verify-by-body-type rows", () => {
    for (const format of ["json", "jsonl"]) {
      for (const pair of results.receiver[format].pairs)
        expect(finite(pair.ratio.median), pair.label).toBe(true);
    }
    for (const key of ["ours-node", "hand-node"])
      expect(results.receiverMemory[key].peakMb.median).toBeGreaterThan(0);
    for (const type of ["string", "Uint8Array", "ArrayBuffer"]) {
      expect(rows(md).some((row) => row.startsWith(`| ${type} |`))).toBe(true);
    }
    expect(md).toContain("## 6. Receiver");
  });

  it("has a size row per entry, each bundled to a positive size", () => {
    for (const entry of sizeEntries()) {
      expect(
        rows(md).some((row) => row.startsWith(`| ${entry.label} |`)),
        entry.key,
      ).toBe(true);
      const measured = results.size[entry.key];
      expect(measured.error, entry.key).toBeUndefined();
      expect(measured.gzipBytes).toBeGreaterThan(0);
      expect(measured.gzipBytes).toBeLessThan(measured.minBytes);
    }
    expect(results.size.client.packages).toContain("openapi-fetch");
  });

  it("has both codegen rows", () => {
    expect(md).toContain("| cold (`--force`");
    expect(md).toContain("| turbo cache hit");
    expect(finite(results.codegen.cold.ms.median)).toBe(true);
  });

  it("has the target table with every target and a finite measurement", () => {
    const ids = results.targets.map((t: { id: string }) => t.id);
    expect(ids).toEqual([
      "client-vs-fetch-sequential",
      "client-vs-fetch-concurrent",
      "client-vs-official-sequential",
      "client-vs-official-concurrent",
      "verify-1kb",
      "parse-json",
      "parse-jsonlines",
      "verify-1kb-string",
      "verify-1kb-Uint8Array",
      "verify-1kb-ArrayBuffer",
      ...["json", "jsonl"].flatMap((format) =>
        PAIRS.map(([ours, base]) => `receiver-${ours}-vs-${base}-${format}`),
      ),
      "client-size",
    ]);
    for (const t of results.targets) {
      expect(finite(t.value), t.id).toBe(true);
      expect(rows(md).some((row) => row.startsWith(`| ${t.target} |`))).toBe(true);
    }
  });

  it("draws an SVG with a bar per measured contender", () => {
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg.match(/<rect /g)?.length ?? 0).toBeGreaterThan(20);
    expect(svg).not.toContain("NaN");
  });
});
