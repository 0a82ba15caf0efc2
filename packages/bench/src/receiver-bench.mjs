// 6. The receiver: deliveries per second over real HTTP against hand-written handlers and
// Express + the official client, peak memory under 50 concurrent 5 MiB deliveries with a wrong
// signature, and verifySignature per body type at 1 KB. Every server runs in its own process.
import { fork } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { once } from "node:events";
import { Agent, request } from "node:http";
import { verifySignature } from "@mailtrap-webhooks/receiver";
import { deliveries, signedBody } from "./fixtures.mjs";
import { calibrate, interleaved, now, summarize } from "./stats.mjs";

const SECRET = "4f1b3c9e2d7a6b5c8e0f1a2b3c4d5e6f";
const PATH = "/webhooks/mailtrap";
export const IN_FLIGHT = 8;

/** [ours, baseline, label]: each pair's ratio is ours' deliveries/s over the baseline's. */
export const PAIRS = /** @type {const} */ ([
  ["ours-node", "hand-node", "toNodeListener(createWebhookHandler()) vs hand-written node:http"],
  [
    "ours-node",
    "express-official",
    "toNodeListener(createWebhookHandler()) vs Express + express.raw() + official verifyWebhookSignature",
  ],
  ["ours-hono", "hand-hono", "createWebhookHandler() under @hono/node-server vs hand-written Hono"],
]);
export const KIND_LABELS = /** @type {Record<string, string>} */ ({
  "ours-node": "ours: http.createServer(toNodeListener(createWebhookHandler()))",
  "hand-node": "hand-written node:http (bytes, createHmac, timingSafeEqual, JSON.parse)",
  "express-official": "Express + express.raw() + mailtrap verifyWebhookSignature + JSON.parse",
  "ours-hono": "ours: createWebhookHandler() in Hono on @hono/node-server",
  "hand-hono": "hand-written Hono (arrayBuffer, createHmac, timingSafeEqual, JSON.parse)",
});
export const DELIVERY_FORMATS = /** @type {const} */ ([
  ["json", "JSON", "application/json"],
  ["jsonl", "JSON Lines", "application/jsonl"],
]);
export const BODY_TYPES = /** @type {const} */ (["string", "Uint8Array", "ArrayBuffer"]);

/** Forks one receiver; resolves once it listens. @param {string} kind */
async function startServer(kind) {
  const child = fork(new URL("./receiver-server.mjs", import.meta.url), [kind, SECRET, PATH], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [message] = await once(child, "message");
  const port = /** @type {{ port: number }} */ (message).port;
  return {
    port,
    /** @returns {Promise<{ rss: number, maxRss: number }>} */
    async memory() {
      child.send({ type: "memory" });
      for (;;) {
        const [m] = await once(child, "message");
        if (m?.type === "memory") return m;
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      if (child.connected) child.send({ type: "stop" });
      else child.kill();
      await exited;
    },
  };
}

/**
 * One POST; resolves with the status once the answer is read.
 * @param {Agent} agent @param {number} port @param {Record<string, string>} headers @param {Buffer} body
 */
function post(agent, port, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: PATH, method: "POST", agent, headers });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** `n` deliveries with IN_FLIGHT in flight on keep-alive sockets; every answer must be 200. */
async function burst(
  /** @type {Agent} */ agent,
  /** @type {number} */ port,
  /** @type {Record<string, string>} */ headers,
  /** @type {Buffer} */ body,
  /** @type {number} */ n,
) {
  let sent = 0;
  const t0 = now();
  const worker = async () => {
    while (sent < n) {
      sent++;
      const status = await post(agent, port, headers, body);
      if (status !== 200) throw new Error(`receiver answered ${status}, not 200`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return now() - t0;
}

/** @param {{ rounds: number, warmup: number, smoke: boolean }} options */
export async function benchReceiverThroughput({ rounds, warmup, smoke }) {
  const kinds = Object.keys(KIND_LABELS);
  const servers = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await startServer(k)])));
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const batch = deliveries(500);
  const perRound = smoke ? 4 : 100;
  /** @type {Record<string, any>} */
  const results = { perRound, inFlight: IN_FLIGHT };
  try {
    for (const [format, label, type] of DELIVERY_FORMATS) {
      const body = Buffer.from(format === "json" ? batch.json : batch.jsonl);
      const headers = {
        "content-type": type,
        "content-length": String(body.length),
        "mailtrap-signature": createHmac("sha256", SECRET).update(body).digest("hex"),
      };
      const send = (/** @type {string} */ key, /** @type {number} */ n) =>
        burst(agent, servers[key].port, headers, body, n);
      // Paired rounds: each pair's two servers run back to back (order alternating), so a
      // noisy moment on the shared machine hits both sides of a ratio alike.
      /** @type {Record<string, number[]>} */
      const rates = Object.fromEntries(kinds.map((k) => [k, []]));
      const ratios = PAIRS.map(() => /** @type {number[]} */ ([]));
      for (let round = 0; round < warmup + rounds; round++) {
        for (const [index, [ours, base]] of PAIRS.entries()) {
          const order = (round + index) % 2 === 0 ? [ours, base] : [base, ours];
          /** @type {Record<string, number>} */
          const perSec = {};
          for (const key of order) perSec[key] = perRound / ((await send(key, perRound)) / 1000);
          if (round < warmup) continue;
          for (const key of order) rates[key]?.push(/** @type {number} */ (perSec[key]));
          ratios[index]?.push(/** @type {number} */ (perSec[ours]) / /** @type {number} */ (perSec[base]));
        }
      }
      results[format] = {
        label,
        bytes: body.length,
        kinds: Object.fromEntries(
          kinds.map((k) => [k, { label: KIND_LABELS[k], perSec: summarize(rates[k] ?? []) }]),
        ),
        pairs: PAIRS.map(([ours, base, pairLabel], index) => ({
          ours,
          base,
          label: pairLabel,
          ratio: summarize(ratios[index] ?? []),
        })),
      };
    }
  } finally {
    agent.destroy();
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
  return results;
}

/** Peak RSS of a fresh receiver process taking `count` concurrent deliveries of `bytes` with a wrong signature. */
async function peakMemory(
  /** @type {string} */ kind,
  /** @type {number} */ count,
  /** @type {number} */ bytes,
) {
  const server = await startServer(kind);
  const agent = new Agent({ keepAlive: false, maxSockets: count });
  try {
    const body = Buffer.alloc(bytes, 0x20);
    const headers = {
      "content-type": "application/json",
      "content-length": String(bytes),
      "mailtrap-signature": "0".repeat(64),
    };
    await post(agent, server.port, { ...headers, "content-length": "2" }, Buffer.from("{}"));
    const idle = await server.memory();
    const statuses = await Promise.all(
      Array.from({ length: count }, () => post(agent, server.port, headers, body)),
    );
    if (statuses.some((s) => s !== 401)) throw new Error(`${kind}: expected 401s, got ${statuses.join(",")}`);
    const after = await server.memory();
    return { idleMb: idle.rss / 2 ** 20, peakMb: after.maxRss / 2 ** 20 };
  } finally {
    agent.destroy();
    await server.stop();
  }
}

/** @param {{ smoke: boolean }} options */
export async function benchReceiverMemory({ smoke }) {
  const count = smoke ? 5 : 50;
  const bytes = 5 * 2 ** 20;
  const repeats = smoke ? 1 : 3;
  /** @type {Record<string, any>} */
  const results = { count, bytes };
  for (const kind of ["ours-node", "hand-node"]) {
    const runs = [];
    for (let i = 0; i < repeats; i++) runs.push(await peakMemory(kind, count, bytes));
    results[kind] = {
      label: KIND_LABELS[kind],
      peakMb: summarize(runs.map((r) => r.peakMb)),
      idleMb: summarize(runs.map((r) => r.idleMb)),
    };
  }
  return results;
}

/**
 * verifySignature at 1 KB for each body type, against raw createHmac + timingSafeEqual on the
 * same value (an ArrayBuffer is wrapped in a Uint8Array view, which createHmac needs).
 * @param {{ rounds: number, warmup: number, roundMs: number, smoke: boolean }} options
 */
export async function benchVerifyBodies({ rounds, warmup, roundMs, smoke }) {
  const { body, secret, signature } = signedBody(1024);
  const bytes = new Uint8Array(body);
  /** @type {Record<string, string | Uint8Array | ArrayBuffer>} */
  const values = { string: body.toString("utf8"), Uint8Array: bytes, ArrayBuffer: bytes.slice().buffer };
  /** @type {Record<string, any>} */
  const results = {};
  for (const type of BODY_TYPES) {
    const value = /** @type {string | Uint8Array | ArrayBuffer} */ (values[type]);
    const input = value instanceof ArrayBuffer ? undefined : value;
    let valid = 0;
    const check = (/** @type {number} */ n, /** @type {number} */ t0) => {
      const ms = now() - t0;
      if (valid !== n) throw new Error(`verify ${type}: a valid signature was rejected`);
      valid = 0;
      return ms;
    };
    const run = {
      /** @param {number} n */
      async raw(n) {
        const t0 = now();
        for (let i = 0; i < n; i++) {
          const data = input ?? new Uint8Array(/** @type {ArrayBuffer} */ (value));
          const digest = createHmac("sha256", secret).update(data).digest();
          if (timingSafeEqual(digest, Buffer.from(signature, "hex"))) valid++;
        }
        return check(n, t0);
      },
      /** @param {number} n */
      async ours(n) {
        const t0 = now();
        for (let i = 0; i < n; i++) if (await verifySignature(value, signature, secret)) valid++;
        return check(n, t0);
      },
    };
    const iterations = Math.min(
      await calibrate(run.raw, roundMs, 1, smoke ? 50 : 200_000),
      await calibrate(run.ours, roundMs, 1, smoke ? 50 : 200_000),
    );
    const { perOp, ratios } = await interleaved(
      [
        { key: "raw", iterations, run: run.raw },
        { key: "ours", iterations, run: run.ours },
      ],
      rounds,
      warmup,
      "raw",
    );
    results[type] = {
      rawUs: summarize((perOp.raw ?? []).map((ms) => ms * 1000)),
      oursUs: summarize((perOp.ours ?? []).map((ms) => ms * 1000)),
      ratio: summarize(ratios.ours ?? []),
    };
  }
  return results;
}
