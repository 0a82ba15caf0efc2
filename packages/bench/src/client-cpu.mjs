// The client's own CPU per call: the five operations in turn, with fetch replaced by a function
// that answers the spec's examples from memory, so no socket is involved. Ours against raw
// openapi-fetch (with the generated paths) making the same calls.
import { isDeepStrictEqual } from "node:util";
import { createWebhooksClient } from "@mailtrap-webhooks/client";
import createClient from "openapi-fetch";
import { apiBodies, apiRoutes, requestBodies, route } from "./fixtures.mjs";
import { spread, table, target, times } from "./report.mjs";
import { compareLoops, loop } from "./stats.mjs";

const BASE_URL = "http://127.0.0.1:9";
const TOKEN = "0123456789abcdef0123456789abcdef";
const ID = 8127;
const COLLECTION = "/api/accounts/{account_id}/webhooks";
const ITEM = "/api/accounts/{account_id}/webhooks/{webhook_id}";

export const CONTENDERS = {
  "openapi-fetch": "raw openapi-fetch",
  ours: "@mailtrap-webhooks/client",
};

/** @typedef {() => Promise<unknown>} Call */
/** @returns {Record<keyof typeof CONTENDERS, Call[]>} */
function fiveCalls() {
  const routes = apiRoutes();
  // Both clients hand fetch a Request.
  const fetch = async (/** @type {Request} */ request) => {
    const body = route(routes, request.method, request.url.slice(BASE_URL.length));
    return new Response(body ?? "{}", {
      status: body ? 200 : 404,
      headers: { "content-type": "application/json" },
    });
  };
  const { create, update } = requestBodies();

  /** @type {import("openapi-fetch").Client<import("@mailtrap-webhooks/types").paths>} */
  const raw = createClient({
    baseUrl: BASE_URL,
    fetch,
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
    fetch,
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
  const calls = fiveCalls();
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
  const results = await compareLoops(loops, "openapi-fetch", { ...options, cap: smoke ? 20 : 200_000 });
  const rows = Object.entries(CONTENDERS).map(([key, label]) => [
    label,
    spread(results[key].value, 1, 1000),
    times(results[key].ratio),
  ]);
  return {
    title: "2. Client CPU per call, transport stubbed (five operations in turn)",
    blocks: [table(["contender", "µs per call", "× raw openapi-fetch"], rows)],
    targets: [
      target("client CPU per call, transport stubbed", "raw openapi-fetch", results.ours.ratio, "≤", 1.15),
    ],
  };
}
