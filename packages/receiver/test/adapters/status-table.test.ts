// Every adapter answers the same status table, over real HTTP: node:http, Express (streamed
// and with express.raw()), Fastify (plugin) and Hono on @hono/node-server (Fetch handler).
import type { WebhookEvent } from "@mailtrap-webhooks/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookHandler } from "../../src/handler.js";
import { serializeEvents, signPayload } from "../../src/testing.js";
import { knownAnswer, otherSecret } from "../fixtures.js";
import { example } from "../spec.js";
import { type Exchange, exchange, type Outgoing } from "../support/http.js";
import { adapters, type Running } from "../support/servers.js";

const { secret } = knownAnswer;
const LIMIT = 64 * 1024;
const withId = (event_id: string) => ({ ...example("DeliveryEvent"), event_id }) as WebhookEvent;
const events = [example("DeliveryEvent"), example("BounceEvent")];

async function signed(list: WebhookEvent[], format: "json" | "jsonlines" = "json"): Promise<Outgoing> {
  const body = serializeEvents(list, format);
  return {
    headers: {
      "content-type": format === "json" ? "application/json" : "application/jsonl",
      "mailtrap-signature": await signPayload(body, secret),
    },
    body,
  };
}
const json = { "content-type": "application/json" };
const bogus = { ...json, "mailtrap-signature": "0".repeat(64) };

// [what, request, status]
const table: [string, () => Promise<Outgoing>, number][] = [
  ["a signed JSON delivery", () => signed(events), 200],
  ["a signed JSON Lines delivery", () => signed(events, "jsonlines"), 200],
  [
    "X-Mailtrap-Signature in capitals",
    async () => {
      const out = await signed(events);
      const { "mailtrap-signature": signature, ...rest } = out.headers ?? {};
      return { ...out, headers: { ...rest, "X-MAILTRAP-SIGNATURE": signature } };
    },
    200,
  ],
  ["no signature header", async () => ({ headers: json, body: "{}" }), 400],
  ["neither signature nor content type", async () => ({ headers: {}, body: "{}" }), 400],
  ["a signature from another secret", async () => ({ ...(await signed(events)), headers: bogus }), 401],
  [
    "a malformed signature",
    async () => ({ headers: { ...json, "mailtrap-signature": "zz" }, body: "{}" }),
    401,
  ],
  ["GET", async () => ({ method: "GET" }), 405],
  ["PUT", async () => ({ ...(await signed(events)), method: "PUT" }), 405],
  ["text/plain", async () => ({ headers: { ...bogus, "content-type": "text/plain" }, body: "{}" }), 415],
  [
    "Content-Length over the limit",
    async () => ({ headers: bogus, body: Buffer.alloc(LIMIT + 1, 0x20) }),
    413,
  ],
  [
    "a chunked body over the limit",
    async () => ({ headers: bogus, chunks: { count: 64, size: 16 * 1024 } }),
    413,
  ],
  [
    "a signed body that does not parse",
    async () => {
      const body = '{"events": [}';
      return { headers: { ...json, "mailtrap-signature": await signPayload(body, secret) }, body };
    },
    400,
  ],
  ["onEvents throws", () => signed([withId("fail")]), 500],
  ["onEvents runs past timeoutMs", () => signed([withId("hang")]), 503],
];

describe.each(Object.entries(adapters))("%s", (_name, start) => {
  let running: Running;
  const aborted: string[] = [];
  beforeAll(async () => {
    const handler = createWebhookHandler({
      secret,
      maxBodyBytes: LIMIT,
      timeoutMs: 300,
      onError: () => {},
      onEvents: async ([first], { signal }) => {
        const id = (first?.event as { event_id?: string } | undefined)?.event_id;
        if (id === "fail") throw new Error("database down");
        if (id === "hang") {
          await new Promise((resolve) => signal.addEventListener("abort", resolve));
          aborted.push(String(signal.reason?.name));
        }
      },
    });
    running = await start(handler);
  });
  afterAll(() => running.stop());

  it.each(table)("%s → %d", async (_what, request, status) => {
    const answer: Exchange = await exchange(running.url, await request());
    expect(answer.status).toBe(status);
    if (status === 413) expect(answer.headers.connection).toBe("close");
    if (status === 503) expect(aborted).toContain("TimeoutError");
  });

  it("the 401 body names the problem and no secret", async () => {
    const answer = await exchange(running.url, { ...(await signed(events)), headers: bogus });
    expect(answer.body).toContain("signature mismatch");
    expect(answer.body).not.toContain(secret);
    expect(answer.body).not.toContain(otherSecret);
  });
});
