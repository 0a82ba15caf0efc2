// 1. Client overhead: the five operations against a local server in another process, through
// bare fetch, raw openapi-fetch, our client and the official `mailtrap` client.
import { fork } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import { createWebhooksClient } from "@mailtrap-webhooks/client";
import { MailtrapClient } from "mailtrap";
import createClient from "openapi-fetch";
import { apiBodies, apiRoutes, requestBodies, route } from "./fixtures.mjs";
import { calibrate, interleaved, now, summarize } from "./stats.mjs";

const TOKEN = "0123456789abcdef0123456789abcdef";
const ACCOUNT = 1;
const WEBHOOK = 8127;
const COLLECTION = "/api/accounts/{account_id}/webhooks";
const ITEM = "/api/accounts/{account_id}/webhooks/{webhook_id}";
export const CONCURRENCY = 16;

export const CLIENTS = /** @type {const} */ ([
  ["fetch", "bare fetch"],
  ["openapi-fetch", "raw openapi-fetch"],
  ["ours", "@mailtrap-webhooks/client"],
  ["mailtrap", "mailtrap (official) webhooks"],
]);

/** Bare fetch plus one ingredient of a client at a time: where the overhead comes from. */
export const DIAGNOSTICS = /** @type {const} */ ([
  ["fetch-signal", "bare fetch + a per-call timeout AbortController"],
  ["fetch-request", "bare fetch(new Request(…)) + the timeout AbortController"],
]);

/** @typedef {(typeof CLIENTS)[number][0] | (typeof DIAGNOSTICS)[number][0]} ClientKey */
/** @typedef {[() => Promise<unknown>, () => Promise<unknown>, () => Promise<unknown>, () => Promise<unknown>, () => Promise<unknown>]} Ops */

/** Starts the server process and resolves with its base URL and a stop function. */
export function startServer() {
  const child = fork(new URL("./server.mjs", import.meta.url), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return /** @type {Promise<{ baseUrl: string, stop: () => Promise<void> }>} */ (
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error("The benchmark server did not start within 20 s"));
      }, 20_000);
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`The benchmark server exited early (${code})`)));
      child.on("message", (message) => {
        const m = /** @type {{ type: string, port: number }} */ (message);
        if (m.type !== "listening") return;
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve({
          baseUrl: `http://127.0.0.1:${m.port}`,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              const kill = setTimeout(() => child.kill("SIGKILL"), 2_000);
              child.once("exit", () => {
                clearTimeout(kill);
                done();
              });
              child.send({ type: "stop" });
            }),
        });
      });
    })
  );
}

/** @param {Response} res */
async function json(res) {
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

/**
 * A fetch that answers from memory, as the server would: isolates each client's own cost.
 * @param {string} baseUrl
 * @returns {(input: string | URL | Request, init?: RequestInit) => Promise<Response>}
 */
function stubFetch(baseUrl) {
  const routes = apiRoutes();
  return async (input, init) => {
    const request = typeof input === "object" && "method" in input ? input : undefined;
    const method = request ? request.method : (init?.method ?? "GET");
    const url = request ? request.url : String(input);
    const body = route(routes, method, url.slice(baseUrl.length));
    return new Response(body ?? "{}", { status: body ? 200 : 404, headers: JSON_HEADERS });
  };
}

/**
 * The same stub for axios, as an adapter (axios then parses the JSON text itself).
 * @param {string} baseUrl
 */
function stubAdapter(baseUrl) {
  const routes = apiRoutes();
  return async (/** @type {{ method?: string, url?: string }} */ config) => {
    const body = route(routes, config.method?.toUpperCase(), (config.url ?? "").slice(baseUrl.length));
    return {
      data: body ?? "{}",
      status: body ? 200 : 404,
      statusText: "OK",
      headers: JSON_HEADERS,
      config,
      request: {},
    };
  };
}

/**
 * The five operations for each client, each resolving with the unwrapped `data`.
 * `stub`: no network; fetch (or axios's adapter) answers from memory.
 * @param {string} baseUrl
 * @param {{ stub?: boolean }} [options]
 * @returns {Record<ClientKey, Ops>}
 */
export function makeClients(baseUrl, options = {}) {
  const fetch = options.stub ? stubFetch(baseUrl) : globalThis.fetch;
  const { create, update } = requestBodies();
  const createBody = JSON.stringify({ webhook: create });
  const updateBody = JSON.stringify({ webhook: update });

  // Bare fetch: what a careful user writes by hand.
  const headers = { accept: "application/json", "api-token": TOKEN };
  const withBody = { ...headers, "content-type": "application/json" };
  const collection = `${baseUrl}/api/accounts/${ACCOUNT}/webhooks`;
  const item = `${collection}/${WEBHOOK}`;
  /** @type {Ops} */
  const bare = [
    async () => (await json(await fetch(collection, { headers }))).data,
    async () =>
      (await json(await fetch(collection, { method: "POST", headers: withBody, body: createBody }))).data,
    async () => (await json(await fetch(item, { headers }))).data,
    async () =>
      (await json(await fetch(item, { method: "PATCH", headers: withBody, body: updateBody }))).data,
    async () => (await json(await fetch(item, { method: "DELETE", headers }))).data,
  ];

  /**
   * Bare fetch with a fresh timeout controller per call (as our client makes per attempt),
   * optionally wrapped in a Request first (as openapi-fetch does).
   * @param {boolean} wrap
   * @returns {(url: string, init: RequestInit) => Promise<unknown>}
   */
  const timed = (wrap) => async (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      const withSignal = { ...init, signal: controller.signal };
      return (await json(await (wrap ? fetch(new Request(url, withSignal)) : fetch(url, withSignal)))).data;
    } finally {
      clearTimeout(timer);
    }
  };
  /** @param {(url: string, init: RequestInit) => Promise<unknown>} call @returns {Ops} */
  const bareWith = (call) => [
    () => call(collection, { headers }),
    () => call(collection, { method: "POST", headers: withBody, body: createBody }),
    () => call(item, { headers }),
    () => call(item, { method: "PATCH", headers: withBody, body: updateBody }),
    () => call(item, { method: "DELETE", headers }),
  ];

  // openapi-fetch with the generated paths: the layer our client is built on.
  /** @type {import("openapi-fetch").Client<import("@mailtrap-webhooks/types").paths>} */
  const raw = createClient({ baseUrl, fetch, headers: { Accept: "application/json", "Api-Token": TOKEN } });
  const account = { account_id: ACCOUNT };
  const itemPath = { account_id: ACCOUNT, webhook_id: WEBHOOK };
  /** @param {{ data?: { data: unknown }, error?: unknown, response: Response }} r */
  const unwrap = (r) => {
    if (!r.response.ok || !r.data) throw new Error(`HTTP ${r.response.status}`);
    return r.data.data;
  };
  /** @type {Ops} */
  const openapi = [
    async () => unwrap(await raw.GET(COLLECTION, { params: { path: account } })),
    async () =>
      unwrap(
        await raw.POST(COLLECTION, {
          params: { path: account },
          body: /** @type {any} */ ({ webhook: create }),
        }),
      ),
    async () => unwrap(await raw.GET(ITEM, { params: { path: itemPath } })),
    async () =>
      unwrap(
        await raw.PATCH(ITEM, { params: { path: itemPath }, body: /** @type {any} */ ({ webhook: update }) }),
      ),
    async () => unwrap(await raw.DELETE(ITEM, { params: { path: itemPath } })),
  ];

  const client = createWebhooksClient({ apiToken: TOKEN, accountId: ACCOUNT, baseUrl, fetch });
  /** @type {Ops} */
  const ours = [
    () => client.list(),
    () => client.create(/** @type {any} */ (create)),
    () => client.get(WEBHOOK),
    () => client.update(WEBHOOK, /** @type {any} */ (update)),
    () => client.delete(WEBHOOK),
  ];

  // The official client builds absolute https://mailtrap.io URLs in its Webhooks resource
  // (from a module-level constant), so axios's baseURL cannot redirect it. A synchronous
  // request interceptor on its own axios instance swaps the origin; nothing else changes.
  const official = new MailtrapClient({ token: TOKEN, accountId: ACCOUNT });
  /** @typedef {{ url?: string }} RequestConfig */
  const instance =
    /** @type {{ defaults: { adapter: unknown }, interceptors: { request: { use(f: (c: RequestConfig) => RequestConfig, r: null, o: { synchronous: boolean }): number } } }} */ (
      // biome-ignore lint/complexity/useLiteralKeys: a private field; bracket access keeps tsc quiet
      official["axios"]
    );
  if (options.stub) instance.defaults.adapter = stubAdapter(baseUrl);
  instance.interceptors.request.use(
    (config) => {
      if (config.url?.startsWith("https://mailtrap.io/")) {
        config.url = baseUrl + config.url.slice("https://mailtrap.io".length);
      }
      return config;
    },
    null,
    { synchronous: true },
  );
  const webhooks = official.webhooks;
  /** @param {unknown} r */
  const data = (r) => /** @type {{ data: unknown }} */ (r).data;
  /** @type {Ops} */
  const mailtrap = [
    async () => data(await webhooks.getList()),
    async () => data(await webhooks.create(/** @type {any} */ (create))),
    async () => data(await webhooks.get(WEBHOOK)),
    async () => data(await webhooks.update(WEBHOOK, /** @type {any} */ (update))),
    async () => data(await webhooks.delete(WEBHOOK)),
  ];

  return {
    fetch: bare,
    "openapi-fetch": openapi,
    ours,
    mailtrap,
    "fetch-signal": bareWith(timed(false)),
    "fetch-request": bareWith(timed(true)),
  };
}

/**
 * Every client must answer the spec's example data, or the comparison means nothing.
 * @param {Ops} ops @param {string} name
 */
async function check(ops, name) {
  const bodies = apiBodies();
  const expected = [bodies.list, bodies.create, bodies.get, bodies.update, bodies.delete].map(
    (body) => JSON.parse(body).data,
  );
  const answers = await Promise.all(ops.map((op) => op()));
  answers.forEach((answer, i) => {
    if (!isDeepStrictEqual(answer, expected[i]))
      throw new Error(`${name} did not return the spec's example data for operation ${i + 1} of 5`);
  });
}

/** @param {Ops} ops @param {number} calls */
async function sequential(ops, calls) {
  const t0 = now();
  for (let i = 0; i < calls; i++) await /** @type {() => Promise<unknown>} */ (ops[i % 5])();
  return now() - t0;
}

/** @param {Ops} ops @param {number} calls */
async function concurrent(ops, calls) {
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const i = next++;
      await /** @type {() => Promise<unknown>} */ (ops[i % 5])();
    }
  };
  const t0 = now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return now() - t0;
}

/**
 * Sequential calls with the transport stubbed out: the time each client's own code takes.
 * @param {{ rounds: number, warmup: number, roundMs: number, smoke: boolean }} options
 */
export async function benchClientsStubbed({ rounds, warmup, roundMs, smoke }) {
  const clients = makeClients("http://127.0.0.1:9", { stub: true });
  for (const [key, label] of CLIENTS) await check(clients[key], `${label} (stubbed)`);
  const counts = [];
  for (const [key] of CLIENTS) {
    const ops = clients[key];
    counts.push(await calibrate((n) => sequential(ops, n), roundMs, smoke ? 5 : 50, smoke ? 50 : 100_000));
  }
  const iterations = Math.max(5, Math.min(...counts));
  const { perOp, ratios } = await interleaved(
    CLIENTS.map(([key]) => ({
      key,
      iterations,
      run: (/** @type {number} */ n) => sequential(clients[key], n),
    })),
    rounds,
    warmup,
    "fetch",
  );
  return {
    iterations,
    clients: Object.fromEntries(
      CLIENTS.map(([key, label]) => [
        key,
        {
          label,
          usPerCall: summarize((perOp[key] ?? []).map((ms) => ms * 1000)),
          ratio: summarize(ratios[key] ?? []),
        },
      ]),
    ),
  };
}

/**
 * @param {{ rounds: number, warmup: number, roundMs: number, smoke: boolean }} options
 */
export async function benchClients({ rounds, warmup, roundMs, smoke }) {
  const server = await startServer();
  try {
    const clients = makeClients(server.baseUrl);
    for (const [key, label] of [...CLIENTS, ...DIAGNOSTICS]) await check(clients[key], label);
    /** @type {Record<string, any>} */
    const results = {};
    for (const [mode, runner] of /** @type {const} */ ([
      ["sequential", sequential],
      ["concurrent", concurrent],
    ])) {
      // One iteration count for all clients (from the slowest), so each does the same calls.
      const counts = [];
      for (const [key] of CLIENTS) {
        const ops = clients[key];
        counts.push(await calibrate((n) => runner(ops, n), roundMs, smoke ? 5 : 20, smoke ? 40 : 20_000));
      }
      const iterations = Math.max(5, Math.min(...counts));
      const keys = [...CLIENTS, ...DIAGNOSTICS];
      const { perOp, ratios } = await interleaved(
        keys.map(([key]) => ({
          key,
          iterations,
          run: (/** @type {number} */ n) => runner(clients[key], n),
        })),
        rounds,
        warmup,
        "fetch",
      );
      const official = perOp.mailtrap ?? [];
      results[mode] = {
        iterations,
        // Our throughput over the official client's, paired per round.
        oursVsOfficial: summarize((perOp.ours ?? []).map((t, i) => (official[i] ?? Number.NaN) / t)),
        clients: Object.fromEntries(
          keys.map(([key, label]) => [
            key,
            {
              label,
              // microseconds per call, and calls per second per round
              usPerCall: summarize((perOp[key] ?? []).map((ms) => ms * 1000)),
              callsPerSec: summarize((perOp[key] ?? []).map((ms) => 1000 / ms)),
              ratio: summarize(ratios[key] ?? []),
            },
          ]),
        ),
      };
    }
    return results;
  } finally {
    await server.stop();
  }
}
