#!/usr/bin/env node
// `pnpm bench`: runs every benchmark, writes BENCHMARKS.md, benchmarks.svg and benchmarks.json.
//   --smoke (or BENCH_SMOKE=1)  tiny counts, writes to a temp dir (or --out DIR) instead
//   --out DIR                   where to write
//   --only client,verify,parse,size,codegen,receiver
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchClients, benchClientsStubbed } from "./client-bench.mjs";
import { benchCodegen } from "./codegen-bench.mjs";
import { benchParse } from "./parse-bench.mjs";
import { benchReceiverMemory, benchReceiverThroughput, benchVerifyBodies } from "./receiver-bench.mjs";
import { markdown, svg } from "./report.mjs";
import { benchSize } from "./size-bench.mjs";
import { evaluateTargets } from "./targets.mjs";
import { benchVerify } from "./verify-bench.mjs";

const SECTIONS = ["client", "verify", "parse", "size", "codegen", "receiver"];
const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    out: { type: "string" },
    only: { type: "string" },
  },
});
const smoke = values.smoke || process.env.BENCH_SMOKE === "1";
const only = values.only ? values.only.split(",") : SECTIONS;
const outDir =
  values.out ??
  (smoke ? mkdtempSync(join(os.tmpdir(), "mailtrap-bench-")) : fileURLToPath(new URL("..", import.meta.url)));
mkdirSync(outDir, { recursive: true });

const settings = smoke
  ? { rounds: 3, warmup: 0, clientMs: 5, microRounds: 3, microMs: 2, smoke: true }
  : { rounds: 21, warmup: 2, clientMs: 300, microRounds: 41, microMs: 25, smoke: false };

const started = performance.now();
const loadBefore = os.loadavg();
const log = (/** @type {string} */ msg) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}`);

/** @type {Record<string, any>} */
const results = {};
const base = { rounds: settings.rounds, warmup: settings.warmup, smoke: settings.smoke };
if (only.includes("client")) {
  log("client overhead");
  results.client = await benchClients({ ...base, roundMs: settings.clientMs });
  log("client code alone (transport stubbed)");
  results.clientStub = await benchClientsStubbed({
    ...base,
    rounds: settings.microRounds,
    roundMs: settings.microMs,
  });
}
if (only.includes("verify")) {
  log("signature verification");
  results.verify = await benchVerify({ ...base, rounds: settings.microRounds, roundMs: settings.microMs });
}
if (only.includes("parse")) {
  log("parsing");
  results.parse = await benchParse({ ...base, rounds: settings.microRounds, roundMs: settings.microMs });
}
if (only.includes("receiver")) {
  log("receiver: verifySignature per body type");
  results.verifyBodies = await benchVerifyBodies({
    ...base,
    rounds: settings.microRounds,
    roundMs: settings.microMs,
  });
  log("receiver: deliveries per second over HTTP");
  results.receiver = await benchReceiverThroughput({
    ...base,
    rounds: smoke ? 2 : 21,
    warmup: smoke ? 0 : 1,
  });
  log("receiver: peak memory, wrong signatures");
  results.receiverMemory = await benchReceiverMemory({ smoke });
}
if (only.includes("size")) {
  log("bundle size");
  results.size = await benchSize();
}
if (only.includes("codegen")) {
  log("codegen");
  results.codegen = await benchCodegen({ ...base, rounds: smoke ? 1 : 5, warmup: smoke ? 0 : 1 });
}

const cpus = os.cpus();
results.meta = {
  date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  node: process.version,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  cpu: cpus[0]?.model.trim() ?? "unknown CPU",
  cores: cpus.length,
  memGb: Math.round(os.totalmem() / 1024 ** 3),
  smoke,
  rounds: settings.rounds,
  microRounds: settings.microRounds,
  warmup: settings.warmup,
  roundMs: `${settings.clientMs} (network) / ${settings.microMs} (in-process)`,
  durationS: (performance.now() - started) / 1000,
  // 1-minute load average before and after: on this shared machine, other work competes.
  load: [loadBefore[0], os.loadavg()[0]],
};
results.targets = evaluateTargets(results);
results.chart = true;

writeFileSync(join(outDir, "benchmarks.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(outDir, "benchmarks.svg"), svg(results));
writeFileSync(join(outDir, "BENCHMARKS.md"), markdown(results));
log(`wrote ${join(outDir, "BENCHMARKS.md")}`);
for (const t of results.targets) console.log(`  ${t.met ? "met " : "MISS"}  ${t.target}: ${t.measured}`);
console.log(JSON.stringify({ outDir }));
