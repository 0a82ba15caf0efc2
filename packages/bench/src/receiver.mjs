// The receiver: deliveries per second over HTTP against hand-written and Express handlers, peak
// memory under large deliveries with a wrong signature, and in-process verifySignature per body
// type and parseEvents, each against the plain node:crypto / JSON.parse code a user would write.
import { createHmac, timingSafeEqual } from "node:crypto";
import { Agent, request } from "node:http";
import { parseEvents, verifySignature } from "@mailtrap-webhooks/receiver";
import { deliveries } from "./fixtures.mjs";
import { startServer } from "./processes.mjs";
import { n, spread, table, target, times } from "./report.mjs";
import { compareLoops, interleaved, loop, now } from "./stats.mjs";

const SECRET = "4f1b3c9e2d7a6b5c8e0f1a2b3c4d5e6f";
const PATH = "/webhooks/mailtrap";
const IN_FLIGHT = 8;
const parse = (/** @type {string} */ line) => JSON.parse(line);

/** The servers of receiver-server.mjs, which says what each one does. */
export const SERVERS = {
  "ours-node": "ours on node:http (toNodeListener)",
  "hand-node": "hand-written node:http handler",
  "express-official": "Express + official verifyWebhookSignature",
  "ours-hono": "ours in Hono (@hono/node-server)",
  "hand-hono": "minimal Hono handler",
};
/** [ours, baseline, least ratio of ours' deliveries/s over the baseline's] */
export const PAIRS = /** @type {const} */ ([
  ["ours-node", "hand-node", 0.9],
  ["ours-node", "express-official", 1.1],
  ["ours-hono", "hand-hono", 0.9],
]);
export const FORMATS = /** @type {const} */ ({ json: "application/json", jsonl: "application/jsonl" });
export const BODY_TYPES = /** @type {const} */ (["string", "Uint8Array", "ArrayBuffer"]);

/** @param {string} kind */
const startReceiver = (kind) =>
  startServer(new URL("./receiver-server.mjs", import.meta.url), [kind, SECRET, PATH]);

/** One POST; resolves with the status once the answer is read. */
function post(
  /** @type {Agent} */ agent,
  /** @type {number} */ port,
  /** @type {Record<string, string>} */ headers,
  /** @type {Buffer} */ body,
) {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: PATH, method: "POST", agent, headers }, (res) => {
      res.resume().on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject).end(body);
  });
}

/** @param {{ rounds: number, smoke: boolean }} options */
async function throughput({ rounds, smoke }) {
  const servers = Object.fromEntries(
    await Promise.all(Object.keys(SERVERS).map(async (kind) => [kind, await startReceiver(kind)])),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const perRound = smoke ? 4 : 100;
  const batch = deliveries(500);
  const rows = [];
  const targets = [];
  try {
    for (const [format, type] of Object.entries(FORMATS)) {
      const body = Buffer.from(format === "json" ? batch.json : batch.jsonl);
      const signature = createHmac("sha256", SECRET).update(body).digest("hex");
      const headers = { "content-type": type, "mailtrap-signature": signature };
      /** `perRound` deliveries, IN_FLIGHT at a time; every answer must be 200. @param {string} kind */
      const deliver = (kind) => async () => {
        let sent = 0;
        const t0 = now();
        const worker = async () => {
          while (sent < perRound) {
            sent++;
            const status = await post(agent, servers[kind].port, headers, body);
            if (status !== 200) throw new Error(`${kind} answered ${status}, not 200`);
          }
        };
        await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
        return { perSecond: perRound / ((now() - t0) / 1000) };
      };
      for (const [ours, base, limit] of PAIRS) {
        const contenders = { [base]: deliver(base), [ours]: deliver(ours) };
        const pair = await interleaved(contenders, base, { rounds, warmup: smoke ? 0 : 1 });
        const [o, b] = [pair[ours].perSecond, pair[base].perSecond];
        rows.push([format, SERVERS[ours], SERVERS[base], spread(o.value), spread(b.value), times(o.ratio)]);
        targets.push(target(`deliveries/s, ${SERVERS[ours]}, ${format}`, SERVERS[base], o.ratio, "≥", limit));
      }
    }
  } finally {
    agent.destroy();
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
  const kB = n(Buffer.byteLength(batch.json) / 1000);
  return {
    block:
      `Deliveries of 500 events (${kB} kB), ${IN_FLIGHT} in flight, ${perRound} per server per round:\n\n` +
      table(["format", "ours", "baseline", "ours /s", "baseline /s", "ours ÷ baseline"], rows),
    targets,
  };
}

/**
 * Peak RSS of a fresh server process after `count` concurrent deliveries of 5 MiB with a wrong
 * signature, all answered 401.
 * @param {{ rounds: number, smoke: boolean }} options
 */
async function memory({ rounds, smoke }) {
  const count = smoke ? 5 : 50;
  const body = Buffer.alloc(5 * 2 ** 20, 0x20);
  const headers = { "content-type": "application/json", "mailtrap-signature": "0".repeat(64) };
  /** @param {string} kind */
  const peak = (kind) => async () => {
    const server = await startReceiver(kind);
    const agent = new Agent({ keepAlive: false, maxSockets: count });
    try {
      const posts = Array.from({ length: count }, () => post(agent, server.port, headers, body));
      const statuses = await Promise.all(posts);
      if (statuses.some((s) => s !== 401)) throw new Error(`${kind}: expected only 401s, got ${statuses}`);
      return { peakMb: (await server.maxRss()) / 2 ** 20 };
    } finally {
      agent.destroy();
      await server.stop();
    }
  };
  const kinds = /** @type {const} */ (["hand-node", "ours-node"]);
  const results = await interleaved(
    Object.fromEntries(kinds.map((kind) => [kind, peak(kind)])),
    "hand-node",
    { rounds, warmup: 0 },
  );
  const rows = kinds.map((kind) => {
    const { value, ratio } = results[kind].peakMb;
    return [SERVERS[kind], spread(value), times(ratio)];
  });
  return (
    `Peak RSS of a fresh server process after ${count} concurrent 5 MiB deliveries with a wrong signature:\n\n` +
    table(["server", "peak RSS MB", "× hand-written"], rows)
  );
}

/**
 * In-process: verifySignature on a 3-event delivery (about 1 kB) of each body type, against
 * createHmac + timingSafeEqual on the same value (an ArrayBuffer wrapped in a Uint8Array view, as
 * createHmac needs); parseEvents on 500 events, against JSON.parse or split + JSON.parse per line.
 * @param {{ rounds: number, warmup: number, roundMs: number, smoke: boolean }} options
 */
async function inProcess({ smoke, ...options }) {
  const body = Buffer.from(deliveries(3).jsonl);
  const signature = createHmac("sha256", SECRET).update(body).digest("hex");
  const bytes = new Uint8Array(body);
  const values = { string: body.toString("utf8"), Uint8Array: bytes, ArrayBuffer: bytes.slice().buffer };
  const valid = (/** @type {boolean} */ ok) => {
    if (!ok) throw new Error("A valid signature was rejected");
  };
  const delivery = deliveries(500);
  const all = (/** @type {unknown[]} */ events) => {
    if (events.length !== delivery.count) throw new Error("Events went missing in parsing");
  };
  const cases = [
    ...BODY_TYPES.map((type) => ({
      what: `verifySignature, ${n(body.length / 1000, 1)} kB ${type}`,
      baseline: "createHmac + timingSafeEqual",
      limit: 1.3,
      base: () => {
        const value = values[type];
        const hmac = createHmac("sha256", SECRET).update(
          value instanceof ArrayBuffer ? new Uint8Array(value) : value,
        );
        valid(timingSafeEqual(hmac.digest(), Buffer.from(signature, "hex")));
      },
      ours: async () => valid(await verifySignature(values[type], signature, SECRET)),
    })),
    .../** @type {const} */ (["json", "jsonlines"]).map((format) => {
      const text = format === "json" ? delivery.json : delivery.jsonl;
      return {
        what: `parseEvents, 500 events, ${format}`,
        baseline: format === "json" ? "JSON.parse" : "split + JSON.parse per line",
        limit: 1.2,
        base: () =>
          all(format === "json" ? JSON.parse(text).events : text.split("\n").filter(Boolean).map(parse)),
        ours: () => all(parseEvents(text, { format })),
      };
    }),
  ];
  const rows = [];
  const targets = [];
  for (const c of cases) {
    const r = await compareLoops({ base: loop(c.base), ours: loop(c.ours) }, "base", {
      ...options,
      cap: smoke ? 5 : 500_000,
    });
    const micros = [r.base, r.ours].map((m) => spread(m.value, 2, 1000));
    rows.push([c.what, c.baseline, ...micros, times(r.ours.ratio)]);
    targets.push(target(c.what, c.baseline, r.ours.ratio, "≤", c.limit));
  }
  return { block: table(["ours", "baseline", "baseline µs", "ours µs", "ours ÷ baseline"], rows), targets };
}

/**
 * @param {{ rounds: number, warmup: number, roundMs: number, smoke: boolean }} micro in-process settings
 * @param {{ log: (what: string) => void }} progress
 * @returns {Promise<import("./report.mjs").Section>}
 */
export async function benchReceiver(micro, { log }) {
  const { smoke } = micro;
  log("receiver: deliveries per second");
  const http = await throughput({ rounds: smoke ? 1 : 15, smoke });
  log("receiver: peak memory");
  const peak = await memory({ rounds: smoke ? 1 : 3, smoke });
  log("receiver: verifySignature and parseEvents");
  const local = await inProcess(micro);
  return {
    title: "3. Receiver",
    blocks: [http.block, peak, local.block],
    targets: [...local.targets, ...http.targets],
  };
}
