// 5. Codegen: wall time of the types package's `generate` task through turbo, spawned from the
// repo root: cold (--force, so the task runs) and on a cache hit (the same command again).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { now, summarize } from "./stats.mjs";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const BASE = [
  "exec",
  "turbo",
  "run",
  "generate",
  "--filter=@mailtrap-webhooks/types",
  "--output-logs=errors-only",
];

/** @param {string[]} extra @returns {Promise<{ ms: number, output: string }>} */
function run(extra) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn("pnpm", [...BASE, ...extra], {
      cwd: ROOT,
      env: {
        ...process.env,
        TURBO_TELEMETRY_DISABLED: "1",
        TURBO_NO_UPDATE_NOTIFIER: "1",
        DO_NOT_TRACK: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const ms = now() - t0;
      if (code !== 0) reject(new Error(`turbo ${extra.join(" ")} exited ${code}: ${output.slice(-500)}`));
      else resolve({ ms, output });
    });
  });
}

/** "Cached: 1 cached, 1 total" -> 1 */
const cachedCount = (/** @type {string} */ output) =>
  Number(/Cached:\s+(\d+) cached/.exec(output)?.[1] ?? -1);

/**
 * Smoke mode never writes files from inside a test run (other tasks may be reading the
 * generated types then): it times `--dry=json`, which hashes inputs and stops.
 * @param {{ rounds: number, warmup: number, smoke: boolean }} options
 */
export async function benchCodegen({ rounds, warmup, smoke }) {
  if (smoke) {
    const dry = [];
    for (let r = 0; r < rounds; r++) dry.push((await run(["--dry=json"])).ms);
    return {
      mode: "smoke (--dry=json; nothing generated)",
      cold: { ms: summarize(dry), cachedRuns: 0 },
      hit: { ms: summarize(dry), cachedRuns: 0 },
    };
  }
  const cold = [];
  const hit = [];
  let hits = 0;
  for (let r = 0; r < warmup + rounds; r++) {
    const c = await run(["--force"]);
    const h = await run([]);
    if (r < warmup) continue;
    cold.push(c.ms);
    hit.push(h.ms);
    if (cachedCount(h.output) === 1) hits++;
  }
  return {
    mode: "full",
    cold: { ms: summarize(cold), cachedRuns: 0 },
    hit: { ms: summarize(hit), cachedRuns: hits },
  };
}
