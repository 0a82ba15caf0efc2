import { inspect } from "node:util";
import type { WebhookEvent } from "@mailtrap-webhooks/types";
import { describe, expect, it, vi } from "vitest";
import { InvalidArgumentError, WebhookReceiverError } from "../../src/errors.js";
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

  it("passes the request and an unaborted signal to onEvents", async () => {
    const onEvents = vi.fn();
    const { handler } = setup({ onEvents });
    const request = await createTestDelivery(events, { secret, url });
    await handler(request);
    const context = onEvents.mock.calls[0]?.[1];
    expect(context.request).toBe(request);
    expect(context.signal).toBeInstanceOf(AbortSignal);
    expect(context.signal.aborted).toBe(false);
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

  it("uses Mailtrap-Signature when X-Mailtrap-Signature is present too", async () => {
    const { handler } = setup();
    const body = JSON.stringify({ events });
    const good = await signPayload(body, secret);
    const bad = "0".repeat(64);
    const both = (main: string, legacy: string) =>
      new Request(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "mailtrap-signature": main,
          "x-mailtrap-signature": legacy,
        },
        body,
      });
    expect((await handler(both(good, bad))).status).toBe(200);
    expect((await handler(both(bad, good))).status).toBe(401);
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

  it("answers 400, not 415, when both the signature and the content type are missing", async () => {
    const { handler } = setup();
    const response = await handler(new Request(url, { method: "POST", body: "{}" }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Mailtrap-Signature");
  });

  it("cancels the unread body when it answers early", async () => {
    const { handler } = setup();
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect((await handler(request)).status).toBe(400);
    expect(cancelled).toBe(true);
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

  // A middleware read the body first (Hono's `await c.req.json()`, a logging wrapper): its
  // bytes are gone. Answered, never thrown, and onError says what to change.
  it.each([
    ["with Content-Length", false, "read"],
    ["chunked", true, "read"],
    ["chunked, locked by a reader", true, "locked"],
  ])("answers 500 and tells onError when the body was already read (%s)", async (_, chunked, how) => {
    const onError = vi.fn();
    const { handler, received } = setup({ onError });
    const delivery = await createTestDelivery(events, { secret, url });
    const body = new Uint8Array(await delivery.arrayBuffer());
    const headers = new Headers(delivery.headers);
    if (!chunked) headers.set("content-length", String(body.byteLength));
    const request = new Request(url, {
      method: "POST",
      headers,
      body: chunked ? new Blob([body]).stream() : body,
      duplex: "half",
    } as RequestInit);
    if (how === "read") await request.text();
    else request.body?.getReader();
    const response = await handler(request);
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/read before it could be verified/);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(WebhookReceiverError);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(
      /read before the Mailtrap webhook handler.*Pass it the request/,
    );
    expect(received).toHaveLength(0);
  });

  it("answers 500 when onEvents throws and reports the error to onError", async () => {
    const onError = vi.fn();
    const { handler } = setup({
      onEvents: () => {
        throw new Error("database down");
      },
      onError,
    });
    const request = await createTestDelivery(events, { secret, url });
    const response = await handler(request);
    expect(response.status).toBe(500);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: "database down" }),
      expect.objectContaining({ request }),
    );
  });

  it("answers 500 even when onError throws", async () => {
    const { handler } = setup({
      onEvents: () => {
        throw new Error("database down");
      },
      onError: () => {
        throw new Error("logger down");
      },
    });
    expect((await handler(await createTestDelivery(events, { secret, url }))).status).toBe(500);
  });

  it("answers 500 when an async onError rejects, without an unhandled rejection", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const { handler } = setup({
        onEvents: () => Promise.reject(new Error("database down")),
        onError: async () => {
          throw new Error("logger down");
        },
      });
      expect((await handler(await createTestDelivery(events, { secret, url }))).status).toBe(500);
      // Unhandled rejections are reported after the microtask queue drains.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  // Every place the handler writes to: answers (body and headers), onError's arguments and
  // the console. None may hold the secret, nor the signature the body should have had (which
  // would let anyone forge that body).
  it("puts neither the secret nor the expected signature in answers, logs or onError", async () => {
    const logged = (["error", "warn", "log", "info", "debug"] as const).map((name) =>
      vi.spyOn(console, name).mockImplementation(() => {}),
    );
    try {
      const onError = vi.fn();
      const failing = () => Promise.reject(new Error("database down"));
      const handlers = [
        createWebhookHandler({ secret, onEvents: failing, onError }),
        createWebhookHandler({ secrets: [otherSecret, secret], onEvents: failing }),
      ];
      // The 401 body is signed nowhere else, so its right signature can only come from a leak.
      const forged = JSON.stringify({ events: [events[1]] });
      const expected = await signPayload(forged, secret);
      const requests = async () => [
        await createTestDelivery(events, { secret, url }), // 500
        await signed(forged, { "mailtrap-signature": "0".repeat(64) }), // 401
        await signed('{"events": [}'), // 400, does not parse
        new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: forged }), // 400
      ];
      const seen: unknown[] = [];
      for (const handler of handlers) {
        for (const request of await requests()) {
          const response = await handler(request);
          response.headers.forEach((value, name) => {
            seen.push(name, value);
          });
          seen.push(response.status, await response.text());
        }
      }
      seen.push(onError.mock.calls, ...logged.map((spy) => spy.mock.calls));
      expect(seen).toEqual(expect.arrayContaining([500, 401, 400]));
      expect(onError).toHaveBeenCalled();
      expect(logged[0]).toHaveBeenCalled();
      const everything = inspect(seen, {
        depth: 20,
        showHidden: true,
        maxArrayLength: null,
        maxStringLength: null,
      });
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(expected);
    } finally {
      for (const spy of logged) spy.mockRestore();
    }
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
    spy.mockRestore();
  });

  it("drops events seen() recognises before onEvents", async () => {
    const known = new Set([(events[0] as { event_id: string }).event_id]);
    const { handler, received } = setup({ seen: async (id) => known.has(id) });
    expect((await handler(await createTestDelivery(events, { secret, url }))).status).toBe(200);
    expect(received).toEqual([[{ kind: "sending", event: events[1] }]]);
  });

  it("delivers an event_id repeated within one batch once, and asks seen() once per id", async () => {
    const [first, second] = events as [WebhookEvent, WebhookEvent];
    const asked: string[] = [];
    const { handler, received } = setup({
      seen: (id) => {
        asked.push(id);
        return false;
      },
    });
    const response = await handler(await createTestDelivery([first, second, first], { secret, url }));
    expect(response.status).toBe(200);
    expect(received).toEqual([
      [
        { kind: "sending", event: first },
        { kind: "sending", event: second },
      ],
    ]);
    expect(asked).toEqual([first, second].map((event) => (event as { event_id: string }).event_id));
  });

  it("drops an event_id repeated within one batch without a seen()", async () => {
    const [first] = events as [WebhookEvent];
    const { handler, received } = setup();
    const jsonl = await createTestDelivery([first, first], { secret, url, format: "jsonlines" });
    expect((await handler(jsonl)).status).toBe(200);
    expect(received).toEqual([[{ kind: "sending", event: first }]]);
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
    expect(() => createWebhookHandler({ secret: "", onEvents: () => {} })).toThrow(InvalidArgumentError);
    expect(() => createWebhookHandler({ secrets: [], onEvents: () => {} })).toThrow(InvalidArgumentError);
  });

  it.each([
    ["a trailing newline", `${secret}\n`],
    ["a leading space", ` ${secret}`],
    ["a trailing CR in a rotation list", [otherSecret, `${secret}\r`]],
  ])("refuses to start with a secret that has %s, saying to trim it", (_label, value) => {
    const options = typeof value === "string" ? { secret: value } : { secrets: value };
    const error = (() => {
      try {
        createWebhookHandler({ ...options, onEvents: () => {} } as WebhookHandlerOptions);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(String(error)).toMatch(/trim/i);
    expect(inspect(error, { showHidden: true })).not.toContain(secret);
  });
});
