// The client's own CPU per call: the five operations in turn, with fetch replaced by a function
// that answers the spec's examples from memory, so no socket is involved. Ours against raw
// openapi-fetch (with the generated paths) making the same calls. Then the same with Node's own
// fetch, its network replaced by a dispatcher that answers from memory: what a call costs a user.
import { isDeepStrictEqual } from "node:util";
import { createWebhooksClient } from "@mailtrap-webhooks/client";
import createClient from "openapi-fetch";
import { apiBodies, apiRoutes, requestBodies, route } from "./fixtures.mjs";
import { spread, table, target, times } from "./report.mjs";
import { compareLoops, loop } from "./stats.mjs";

// Never contacted; any port fetch allows (it refuses 9, say).
const BASE_URL = "http://127.0.0.1:8127";
const TOKEN = "0123456789abcdef0123456789abcdef";
const ID = 8127;
const COLLECTION = "/api/accounts/{account_id}/webhooks";
const ITEM = "/api/accounts/{account_id}/webhooks/{webhook_id}";

export const CONTENDERS = {
  "openapi-fetch": "raw openapi-fetch",
  ours: "@mailtrap-webhooks/client",
};

/** @typedef {() => Promise<unknown>} Call */

/**
 * The fake API's answer to a call: the spec's 200 example for it, else a 404.
 * @param {ReturnType<typeof apiRoutes>} routes @param {string} method @param {string} path
 */
function answer(routes, method, path) {
  const body = route(routes, method, path);
  return { status: body ? 200 : 404, text: body ?? "{}" };
}

/**
 * Answers from memory, called as each client calls fetch: raw openapi-fetch hands it a Request
 * it built, ours a URL and a RequestInit (the global fetch would build the Request for either).
 * @param {ReturnType<typeof apiRoutes>} routes
 */
function stubFetch(routes) {
  /** @param {string | Request} input @param {RequestInit} [init] */
  return async (input, init) => {
    const { method = "GET", url } = typeof input === "string" ? { ...init, url: input } : input;
    const { status, text } = answer(routes, method, url.slice(BASE_URL.length));
    return new Response(text, { status, headers: { "content-type": "application/json" } });
  };
}

// Where Node's fetch looks up its dispatcher (undici's documented global-dispatcher symbol).
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

/**
 * Makes Node's own fetch answer from memory until the returned function is called: a
 * dispatcher that reads each request body, as a socket would, and answers like `stubFetch`.
 * @param {ReturnType<typeof apiRoutes>} routes
 */
function answerFetchFromMemory(routes) {
  const global = /** @type {Record<symbol, unknown>} */ (globalThis);
  const previous = global[GLOBAL_DISPATCHER];
  global[GLOBAL_DISPATCHER] = {
    /** @param {{ method: string, path: string, body?: string | AsyncIterable<Uint8Array> | null }} options @param {any} handler */
    dispatch(options, handler) {
      (async () => {
        if (options.body && typeof options.body !== "string") for await (const _ of options.body);
        const { status, text } = answer(routes, options.method, options.path);
        const payload = Buffer.from(text);
        const headers = ["content-type", "application/json", "content-length", `${payload.length}`];
        handler.onConnect?.(() => {});
        handler.onHeaders(
          status,
          headers.map((header) => Buffer.from(header)),
          () => {},
          "",
        );
        handler.onData(payload);
        handler.onComplete([]);
      })().catch((error) => handler.onError(error));
      return true;
    },
  };
  return () => {
    global[GLOBAL_DISPATCHER] = previous;
  };
}

/**
 * The five calls for each contender, sending through `fetch` (the global one when undefined).
 * @param {ReturnType<typeof stubFetch> | undefined} fetch
 * @returns {Record<keyof typeof CONTENDERS, Call[]>}
 */
function fiveCalls(fetch) {
  const { create, update } = requestBodies();

  /** @type {import("openapi-fetch").Client<import("@mailtrap-webhooks/types").paths>} */
  const raw = createClient({
    baseUrl: BASE_URL,
    ...(fetch ? { fetch } : {}),
    headers: { accept: "application/json", "api-token": TOKEN },
  });
  /** @param {{ data?: { data: unknown }, response: Response }} r */
  const unwrap = (r) => {
    if (!r.response.ok || !r.data) throw new Error(`HTTP ${r.response.status}`);
    return r.data.data;
  };
  const one = { path: { account_id: 1, webhook_id: ID } };
  const all = { path: { account_id: 1 } };

  // No rate limit: it would make the loop wait, not work.
  const ours = createWebhooksClient({
    apiToken: TOKEN,
    accountId: 1,
    baseUrl: BASE_URL,
    ...(fetch ? { fetch } : {}),
    rateLimit: false,
  });
  const created = /** @type {any} */ (create);
  const changed = /** @type {any} */ (update);
  return {
    "openapi-fetch": [
      async () => unwrap(await raw.GET(COLLECTION, { params: all })),
      async () => unwrap(await raw.POST(COLLECTION, { params: all, body: { webhook: created } })),
      async () => unwrap(await raw.GET(ITEM, { params: one })),
      async () => unwrap(await raw.PATCH(ITEM, { params: one, body: { webhook: changed } })),
      async () => unwrap(await raw.DELETE(ITEM, { params: one })),
    ],
    ours: [
      () => ours.list(),
      () => ours.create(created),
      () => ours.get(ID),
      () => ours.update(ID, changed),
      () => ours.delete(ID),
    ],
  };
}

/**
 * @param {{ rounds: number, warmup: number, roundMs: number, smoke: boolean }} options
 * @returns {Promise<import("./report.mjs").Section>}
 */
export async function benchClientCpu({ smoke, ...options }) {
  const routes = apiRoutes();
  const stubbed = await compareCalls(fiveCalls(stubFetch(routes)), options, smoke);
  const restore = answerFetchFromMemory(routes);
  let viaFetch;
  try {
    viaFetch = await compareCalls(fiveCalls(undefined), options, smoke);
  } finally {
    restore();
  }
  /** @param {Awaited<ReturnType<typeof compareCalls>>} results */
  const rows = (results) =>
    Object.entries(CONTENDERS).map(([key, label]) => [
      label,
      spread(results[key].value, 1, 1000),
      times(results[key].ratio),
    ]);
  return {
    title: "2. Client CPU per call (five operations in turn)",
    blocks: [
      "Transport stubbed: `fetch` replaced by a function that answers from memory.",
      table(["contender", "µs per call", "× raw openapi-fetch"], rows(stubbed)),
      "Node's own `fetch`, its network replaced by a dispatcher that answers from memory.",
      table(["contender", "µs per call", "× raw openapi-fetch"], rows(viaFetch)),
    ],
    targets: [
      target("client CPU per call, transport stubbed", "raw openapi-fetch", stubbed.ours.ratio, "≤", 1.15),
    ],
  };
}

/**
 * Per-call time of each contender's five calls, taken in turn, against raw openapi-fetch's.
 * @param {Record<keyof typeof CONTENDERS, Call[]>} calls
 * @param {{ rounds: number, warmup: number, roundMs: number }} options
 * @param {boolean} smoke
 */
async function compareCalls(calls, options, smoke) {
  // Equal work: every contender must return the spec's example data for each call.
  const bodies = apiBodies();
  const expected = ["list", "create", "get", "update", "delete"].map((m) => JSON.parse(bodies[m]).data);
  for (const [key, ops] of Object.entries(calls)) {
    const answers = await Promise.all(ops.map((op) => op()));
    if (!isDeepStrictEqual(answers, expected))
      throw new Error(`${key} did not return the spec's example data`);
  }
  const loops = Object.fromEntries(
    Object.entries(calls).map(([key, ops]) => [key, loop((i) => /** @type {Call} */ (ops[i % 5])())]),
  );
  return compareLoops(loops, "openapi-fetch", { ...options, cap: smoke ? 20 : 200_000 });
}
