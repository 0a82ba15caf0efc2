// A loop to profile one client's own code with the transport stubbed, e.g.
//   node --cpu-prof --cpu-prof-dir=/tmp/prof src/profile-client.mjs ours 50000
// then open the .cpuprofile in Chrome DevTools (or read its top self times).
import { CLIENTS, makeClients } from "./client-bench.mjs";

const key = /** @type {import("./client-bench.mjs").ClientKey} */ (process.argv[2] ?? "ours");
const calls = Number(process.argv[3] ?? 50_000);
if (!CLIENTS.some(([k]) => k === key)) {
  console.error(`usage: profile-client.mjs <${CLIENTS.map(([k]) => k).join("|")}> [calls]`);
  process.exit(2);
}
const ops = makeClients("http://127.0.0.1:9", { stub: true })[key];
for (let i = 0; i < 5_000; i++) await ops[i % 5]?.();
const t0 = performance.now();
for (let i = 0; i < calls; i++) await ops[i % 5]?.();
console.log(
  `${key}: ${(((performance.now() - t0) / calls) * 1000).toFixed(1)} µs per call (stubbed transport)`,
);
