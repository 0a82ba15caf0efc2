// Cold start: each round starts a new process per contender that imports a client, constructs it
// and lists webhooks once against the fake API (api-server.mjs). Timed inside the child from its
// first line to the answer, and from the parent from spawn to exit.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startServer } from "./processes.mjs";
import { spread, table, target, times } from "./report.mjs";
import { interleaved, now } from "./stats.mjs";

const CHILD = fileURLToPath(new URL("./cold-start-child.mjs", import.meta.url));
const NODE_24 = fileURLToPath(new URL("../../runtime-smoke/node_modules/node/bin/node", import.meta.url));

export const CONTENDERS = {
  fetch: { label: "bare fetch", flags: [] },
  // Node's own cost of importing a package at all: the same fetch after importing a one-module
  // package through its "exports". What ours takes beyond this row is our code's.
  "package-fetch": { label: "bare fetch after importing @mailtrap-webhooks/types", flags: [] },
  ours: { label: "@mailtrap-webhooks/client", flags: [] },
  mailtrap: { label: "mailtrap (official), webhooks.getList()", flags: [] },
  // Two tries at avoiding Node 20's exit delay after the first fetch (see BENCHMARKS.md).
  "ours-exit": { label: "@mailtrap-webhooks/client, then process.exit()", flags: [] },
  "ours-liftoff": { label: "@mailtrap-webhooks/client, node --liftoff-only", flags: ["--liftoff-only"] },
};

/** @param {string} node @param {string[]} flags @param {string} kind @param {string} url */
async function coldStart(node, flags, kind, url) {
  const t0 = now();
  const { stdout } = await promisify(execFile)(node, [...flags, CHILD, ...kind.split("-"), url]);
  const wholeProcess = now() - t0;
  const { webhooks, inProcess, exitDelay } = JSON.parse(stdout);
  if (webhooks < 1) throw new Error(`The cold start of ${kind} listed no webhooks`);
  return { inProcess, wholeProcess, exitDelay };
}

/**
 * On the current Node, and (unless smoke) on Node 24 from packages/runtime-smoke if installed.
 * @param {{ rounds: number, smoke: boolean }} options @returns {Promise<import("./report.mjs").Section>}
 */
export async function benchColdStart({ rounds, smoke }) {
  const runtimes = [{ name: `Node ${process.versions.node}`, node: process.execPath }];
  if (!smoke && existsSync(NODE_24)) runtimes.push({ name: "Node 24", node: NODE_24 });
  const server = await startServer(new URL("./api-server.mjs", import.meta.url));
  const rows = [];
  const targets = [];
  try {
    for (const { name, node } of runtimes) {
      const contenders = Object.fromEntries(
        Object.entries(CONTENDERS).map(([key, c]) => [key, () => coldStart(node, c.flags, key, server.url)]),
      );
      const r = await interleaved(contenders, "fetch", { rounds, warmup: smoke ? 0 : 1 });
      for (const [key, { label }] of Object.entries(CONTENDERS)) {
        const { inProcess, wholeProcess, exitDelay } = r[key];
        const figures = [inProcess, wholeProcess].flatMap((m) => [spread(m.value), times(m.ratio)]);
        rows.push([name, label, ...figures, spread(exitDelay.value)]);
      }
      const baseline = `bare fetch, ${name}`;
      if (runtimes[0]?.node === node)
        targets.push(target("cold start, in-process", baseline, r.ours.inProcess.ratio, "≤", 1.1));
    }
  } finally {
    await server.stop();
  }
  const head = [
    "runtime",
    "contender",
    "in-process ms",
    "× fetch",
    "whole process ms",
    "× fetch",
    "answer → exit ms",
  ];
  return {
    title: "1. Cold start: new process, import, construct, first list()",
    blocks: [table(head, rows)],
    targets,
  };
}
