import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { createWebhookHandler, type WebhookHandlerOptions } from "../../src/handler.js";
import type { ParsedEvent } from "../../src/parse.js";
import { createTestDelivery, signPayload } from "../../src/testing.js";
import { knownAnswer, otherSecret } from "../fixtures.js";
import { example } from "../spec.js";

const { secret } = knownAnswer;
const events = [example("DeliveryEvent"), example("BounceEvent")];
const url = "http://localhost/hooks";

function setup(overrides: Partial<WebhookHandlerOptions> = {}) {
  const received: ParsedEvent[][] = [];
  const handler = createWebhookHandler({
    secret,
    onEvents: (batch) => {
      received.push(batch);
    },
    onError: () => {},
    ...overrides,
  } as WebhookHandlerOptions);
  return { handler, received };
}

async function signed(body: string, headers: Record<string, string> = {}) {
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "mailtrap-signature": await signPayload(body, secret),
      ...headers,
    },
    body,
  });
}

// A body with no Content-Length, delivered in chunks, as chunked transfer encoding would.
function streamed(chunks: number, chunkSize: number, headers: Record<string, string>) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === chunks) return controller.close();
      controller.enqueue(new Uint8Array(chunkSize).fill(0x20));
    },
  });
  const request = new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
  return { request, pulled: () => sent };
}

describe("createWebhookHandler", () => {
  it.each(["json", "jsonlines"] as const)(
    "answers 200 for a signed %s delivery, after onEvents resolves",
    async (format) => {
      let finished = false;
      const { handler } = setup({
        onEvents: async (batch) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          expect(batch.map((item) => item.event)).toEqual(events);
          finished = true;
        },
      });
      const response = await handler(await createTestDelivery(events, { secret, format, url }));
      expect(response.status).toBe(200);
      expect(finished).toBe(true);
    },
  );

  it("passes the request to onEvents", async () => {
    const onEvents = vi.fn();
    const { handler } = setup({ onEvents });
    const request = await createTestDelivery(events, { secret, url });
    await handler(request);
    expect(onEvents).toHaveBeenCalledWith(expect.any(Array), { request });
  });

  it("reads X-Mailtrap-Signature too, in any header case", async () => {
    const { handler, received } = setup();
    const body = JSON.stringify({ events });
    const request = new Request(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-MAILTRAP-SIGNATURE": await signPayload(body, secret),
      },
      body,
    });
    expect((await handler(request)).status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it("accepts the old and the new secret during rotation", async () => {
    const { handler } = setup({ secret: undefined, secrets: [otherSecret, secret] } as never);
    expect((await handler(await createTestDelivery(events, { secret, url }))).status).toBe(200);
    expect((await handler(await createTestDelivery(events, { secret: otherSecret, url }))).status).toBe(200);
  });

  it("answers 400 without a signature header, before reading the body", async () => {
    const { handler, received } = setup();
    const { request, pulled } = streamed(10, 1024, { "content-type": "application/json" });
    const response = await handler(request);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Mailtrap-Signature");
    expect(pulled()).toBeLessThanOrEqual(1);
    expect(received).toHaveLength(0);
  });

  it("answers 401 when the signature does not match", async () => {
    const { handler, received } = setup();
    const request = await createTestDelivery(events, { secret: otherSecret, url });
    expect((await handler(request)).status).toBe(401);
    expect(received).toHaveLength(0);
  });

  it("answers 401 for a malformed signature", async () => {
    const { handler } = setup();
    expect((await handler(await signed("{}", { "mailtrap-signature": "zz" }))).status).toBe(401);
  });

  it("answers 415 for an unknown content type", async () => {
    const { handler } = setup();
    const response = await handler(
      await signed(JSON.stringify({ events }), { "content-type": "text/plain" }),
    );
    expect(response.status).toBe(415);
  });

  it("answers 405 for other methods", async () => {
    const { handler } = setup();
    const response = await handler(new Request(url));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("answers 413 from Content-Length alone, without reading the body", async () => {
    const { handler } = setup({ maxBodyBytes: 1000 });
    const { request, pulled } = streamed(100, 1024, {
      "content-type": "application/json",
      "content-length": String(100 * 1024),
      "mailtrap-signature": "0".repeat(64),
    });
    expect((await handler(request)).status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("answers 413 for a streamed body without Content-Length, and stops reading", async () => {
    const { handler } = setup({ maxBodyBytes: 10 * 1024 });
    const { request, pulled } = streamed(1000, 1024, {
      "content-type": "application/json",
      "mailtrap-signature": "0".repeat(64),
    });
    expect((await handler(request)).status).toBe(413);
    expect(pulled()).toBeLessThan(20);
  });

  it("accepts a body of exactly maxBodyBytes", async () => {
    const body = JSON.stringify({ events });
    const { handler } = setup({ maxBodyBytes: new TextEncoder().encode(body).byteLength });
    expect((await handler(await signed(body))).status).toBe(200);
  });

  it("answers 400 for a signed body that does not parse, naming the problem", async () => {
    const { handler, received } = setup();
    const response = await handler(await signed('{"events": [}'));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("position 12");
    expect(received).toHaveLength(0);
  });

  it("answers 500 when onEvents throws, reports the error, and leaks no secret", async () => {
    const onError = vi.fn();
    const { handler } = setup({
      onEvents: () => {
        throw new Error("database down");
      },
      onError,
    });
    const response = await handler(await createTestDelivery(events, { secret, url }));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(secret);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: "database down" }),
      expect.anything(),
    );
  });

  it("logs onEvents failures with console.error by default", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = createWebhookHandler({
      secret,
      onEvents: () => Promise.reject(new Error("nope")),
    });
    expect((await handler(await createTestDelivery(events, { secret, url }))).status).toBe(500);
    expect(spy).toHaveBeenCalledOnce();
    // inspect, not JSON.stringify: an Error serialises to "{}" and would hide what was logged.
    expect(inspect(spy.mock.calls, { depth: 10 })).toContain("nope");
    expect(inspect(spy.mock.calls, { depth: 10 })).not.toContain(secret);
    spy.mockRestore();
  });

  it("drops events seen() recognises before onEvents", async () => {
    const known = new Set([(events[0] as { event_id: string }).event_id]);
    const { handler, received } = setup({ seen: async (id) => known.has(id) });
    expect((await handler(await createTestDelivery(events, { secret, url }))).status).toBe(200);
    expect(received).toEqual([[{ kind: "sending", event: events[1] }]]);
  });

  it("skips onEvents when seen() drops every event", async () => {
    const { handler, received } = setup({ seen: () => true });
    expect((await handler(await createTestDelivery(events, { secret, url }))).status).toBe(200);
    expect(received).toHaveLength(0);
  });

  it("answers 500 when seen() throws", async () => {
    const { handler } = setup({
      seen: () => {
        throw new Error("cache down");
      },
    });
    expect((await handler(await createTestDelivery(events, { secret, url }))).status).toBe(500);
  });

  it("refuses to start without a secret", () => {
    expect(() => createWebhookHandler({ secret: "", onEvents: () => {} })).toThrow(TypeError);
    expect(() => createWebhookHandler({ secrets: [], onEvents: () => {} })).toThrow(TypeError);
  });
});
