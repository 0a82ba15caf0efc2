// Codegen and size budgets, both run as commands from the repository root: `turbo run generate`
// for the types package (cold with --force, then a cache hit), and size-limit's report.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { n, spread, table, times } from "./report.mjs";
import { interleaved, now } from "./stats.mjs";

const CLIENT_ENTRY = "packages/client/dist/index.js";
const LIMIT = 5000; // bytes, for the client entry
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const exec = promisify(execFile);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };

/** @param {string[]} args */
async function pnpmExec(args) {
  const t0 = now();
  const { stdout } = await exec("pnpm", ["exec", ...args], { cwd: ROOT, env, maxBuffer: 16 * 2 ** 20 });
  return { ms: now() - t0, stdout };
}

/**
 * Smoke mode generates nothing (other tasks may be reading the generated types during a test
 * run): it times `--dry=json`, which hashes the inputs and stops.
 * @param {{ rounds: number, smoke: boolean }} options @returns {Promise<import("./report.mjs").Section>}
 */
export async function benchCodegen({ rounds, smoke }) {
  const turbo = ["turbo", "run", "generate", "--filter=@mailtrap-webhooks/types"];
  const run = (/** @type {string[]} */ extra) => async () => ({
    ms: (await pnpmExec([...turbo, "--output-logs=errors-only", ...extra])).ms,
  });
  const [cold, hit] = smoke ? [["--dry=json"], ["--dry=json"]] : [["--force"], []];
  const r = await interleaved({ cold: run(cold), hit: run(hit) }, "cold", { rounds, warmup: smoke ? 0 : 1 });
  const rows = [
    ["cold (--force)", spread(r.cold.ms.value), "1.00×"],
    ["turbo cache hit", spread(r.hit.ms.value), times(r.hit.ms.ratio)],
  ];
  const title = `4. Codegen: \`pnpm exec ${turbo.join(" ")}\`, spawn to exit${smoke ? " (smoke: --dry=json)" : ""}`;
  return { title, blocks: [table(["run", "wall ms", "× cold"], rows)], targets: [] };
}

/**
 * size-limit's figures for the budgets of the root .size-limit.json (min+gzip, dependencies
 * included), and the client entry's target.
 * @returns {Promise<import("./report.mjs").Section>}
 */
export async function sizes() {
  /** @type {{ name: string, path: string }[]} */
  const config = JSON.parse(readFileSync(`${ROOT}/.size-limit.json`, "utf8"));
  // size-limit exits non-zero when a budget is exceeded; its report is still on stdout.
  const { stdout } = await pnpmExec(["size-limit", "--json"]).catch((error) => error);
  /** @type {{ name: string, size: number, sizeLimit: number, passed: boolean }[]} */
  const report = JSON.parse(stdout);
  const kB = (/** @type {number} */ bytes) => `${n(bytes / 1000, 2)} kB`;
  const rows = report.map((e) => [e.name, kB(e.size), kB(e.sizeLimit), e.passed ? "yes" : "**no**"]);
  const clientEntry = config.find((c) => c.path === CLIENT_ENTRY)?.name;
  const client = report.find((e) => e.name === clientEntry);
  if (!client) throw new Error(`.size-limit.json has no budget for ${CLIENT_ENTRY}`);
  return {
    title: "5. Sizes: `pnpm run size` (size-limit)",
    blocks: [table(["entry", "min+gzip", "budget", "within?"], rows)],
    targets: [
      [
        "client entry, min+gzip",
        "–",
        kB(client.size),
        `≤ ${kB(LIMIT)}`,
        client.size <= LIMIT ? "met" : "**not met**",
      ],
    ],
  };
}
