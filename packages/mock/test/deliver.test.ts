import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { deliveryEntries } from "@mailtrap-webhooks/spec";
import {
  type AuditLogEvent,
  type CampaignEvent,
  type InboundEvent,
  type SendingEvent,
  sendingEventNameValues,
} from "@mailtrap-webhooks/types";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { deliverTestEvents, deliveryFormats } from "../src/deliver.js";
import { type DeliveryKind, exampleEvents } from "../src/spec.js";

const secret = "0123456789abcdef0123456789abcdef";

interface Received {
  contentType: string | undefined;
  signature: string | undefined;
  body: string;
}

describe("deliverTestEvents", () => {
  let server: Server;
  let url: string;
  let received: Received[] = [];
  let answer = 200;

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      received.push({
        contentType: req.headers["content-type"],
        signature: req.headers["mailtrap-signature"] as string | undefined,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(answer).end(answer === 200 ? "ok" : "nope");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received = [];
    answer = 200;
  });

  it("sends the spec's sending examples as one signed JSON batch by default", async () => {
    const result = await deliverTestEvents({ url, secret });
    expect(result.status).toBe(200);
    expect(result.body).toBe("ok");
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery?.contentType).toMatch(/^application\/json/);
    const expected = createHmac("sha256", secret)
      .update(delivery?.body ?? "")
      .digest("hex");
    expect(delivery?.signature).toBe(expected);
    const { events } = JSON.parse(delivery?.body ?? "{}") as { events: Array<{ event: string }> };
    expect(events.map((e) => e.event)).toEqual(exampleEvents("sending").map((e) => e.event));
    expect(events.map((e) => e.event)).toContain("soft bounce");
  });

  it("sends JSON Lines, one event per line, when asked", async () => {
    const result = await deliverTestEvents({ url, secret, format: "jsonlines", kind: "audit_log" });
    expect(result.status).toBe(200);
    const [delivery] = received;
    const lines = (delivery?.body ?? "").split("\n").filter((line) => line !== "");
    expect(lines.map((line) => (JSON.parse(line) as { event: string }).event)).toEqual([
      "activity_log.user.login",
      "activity_log.webhook.update",
    ]);
    expect(delivery?.signature).toBe(
      createHmac("sha256", secret)
        .update(delivery?.body ?? "")
        .digest("hex"),
    );
  });

  it("sends the spec's inbound examples as a signed JSON batch with kind inbound", async () => {
    const result = await deliverTestEvents({ url, secret, kind: "inbound" });
    expect(result.status).toBe(200);
    const [delivery] = received;
    expect(delivery?.contentType).toMatch(/^application\/json/);
    expect(delivery?.signature).toBe(
      createHmac("sha256", secret)
        .update(delivery?.body ?? "")
        .digest("hex"),
    );
    expect(JSON.parse(delivery?.body ?? "{}")).toEqual({ events: exampleEvents("inbound") });
    expect(result.events.every((event) => event.event === "inbound.message_received")).toBe(true);
  });

  it("refuses a format the kind's webhooks are never delivered in, before sending", async () => {
    await expect(deliverTestEvents({ url, secret, kind: "inbound", format: "jsonlines" })).rejects.toThrow(
      "inbound deliveries come as json only, not jsonlines",
    );
    await expect(deliverTestEvents({ url, secret, kind: "nope" as DeliveryKind })).rejects.toThrow(
      `kind must be one of ${Object.keys(deliveryEntries).join(", ")}, got nope`,
    );
    expect(received).toEqual([]);
  });

  it("sends the events it is given and reports a failing receiver's status", async () => {
    answer = 500;
    const [first] = exampleEvents("sending");
    if (!first) throw new Error("the spec has no sending example");
    const result = await deliverTestEvents({ url, secret, events: [first] });
    expect(result.status).toBe(500);
    expect(result.events).toEqual([first]);
    expect(JSON.parse(received[0]?.body ?? "{}")).toEqual({ events: [first] });
  });
});

describe("deliverTestEvents timeout", () => {
  // A receiver that reads the request and never answers, like a hung endpoint.
  async function withSilentReceiver(test: (url: string) => Promise<void>): Promise<void> {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      await test(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/hooks`);
    } finally {
      // close() alone would wait for the request that was never answered.
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }

  it("gives up on a receiver that never answers, saying so", async () => {
    await withSilentReceiver(async (url) => {
      const started = Date.now();
      await expect(deliverTestEvents({ url, secret, timeoutMs: 200 })).rejects.toThrow(
        /did not answer within 200 ms; Mailtrap would retry/,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  }, 10_000);

  it("still stops when the caller's signal aborts first, with the caller's reason", async () => {
    await withSilentReceiver(async (url) => {
      const controller = new AbortController();
      const reason = new Error("caller gave up");
      setTimeout(() => controller.abort(reason), 50);
      await expect(
        deliverTestEvents({ url, secret, signal: controller.signal, timeoutMs: 20_000 }),
      ).rejects.toBe(reason);
    });
  });

  it("rejects a timeout it cannot honour", async () => {
    for (const timeoutMs of [0, -1, 1.5, Number.NaN, 2 ** 31]) {
      await expect(deliverTestEvents({ url: "http://127.0.0.1:1/", secret, timeoutMs })).rejects.toThrow(
        /timeoutMs must be a whole number/,
      );
    }
  });
});

describe("exampleEvents", () => {
  it("reads the example events of every delivery kind from the spec", () => {
    const sending = exampleEvents("sending");
    expect(new Set(sending.map((e) => e.event))).toEqual(new Set(sendingEventNameValues));
    expect(exampleEvents("audit_log").every((e) => e.event.startsWith("activity_log."))).toBe(true);
    expect(exampleEvents("campaigns").map((e) => e.event)).toContain("open");
    expect(exampleEvents("inbound").map((e) => e.event)).toEqual(["inbound.message_received"]);
    for (const kind of Object.keys(deliveryEntries) as DeliveryKind[]) {
      expect(exampleEvents(kind).length, kind).toBeGreaterThan(0);
    }
  });

  it("is typed with the generated event type of each kind", () => {
    expectTypeOf(exampleEvents("sending")).toEqualTypeOf<SendingEvent[]>();
    expectTypeOf(exampleEvents("campaigns")).toEqualTypeOf<CampaignEvent[]>();
    expectTypeOf(exampleEvents("audit_log")).toEqualTypeOf<AuditLogEvent[]>();
    expectTypeOf(exampleEvents("inbound")).toEqualTypeOf<InboundEvent[]>();
  });

  it("knows which formats each kind is delivered in", () => {
    expect(deliveryFormats("sending")).toEqual(["json", "jsonlines"]);
    expect(deliveryFormats("inbound")).toEqual(["json"]);
  });

  it("returns copies, so a test that edits one cannot change the next", () => {
    const first = exampleEvents("sending");
    (first[0] as { email: string }).email = "changed@example.com";
    expect(exampleEvents("sending")[0]?.email).not.toBe("changed@example.com");
  });
});
