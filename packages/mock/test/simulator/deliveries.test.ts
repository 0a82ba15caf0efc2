import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhookHandler, type ParsedEvent, verifySignature } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";
import type { InboundEvent, SendingEvent } from "@mailtrap-webhooks/types";
import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator.js";
import { exampleEvents } from "../../src/spec.js";
import { call, receiver, simulator } from "./support.js";

const sending = (event: SendingEvent["event"], n = 0): SendingEvent =>
  ({
    event,
    message_id: `m-${n}`,
    sending_stream: "transactional",
    email: "to@example.com",
    timestamp: 1_716_070_000,
    event_id: `e-${event}-${n}`,
    sending_domain_name: "example.com",
  }) as SendingEvent;

async function createWebhook(sim: Simulator, webhook: Record<string, unknown>) {
  const answer = await call(sim, "POST", "/api/webhooks", { body: { webhook } });
  expect(answer.status).toBe(200);
  return (answer.body as { data: { id: number; signing_secret: string } }).data;
}

const sendingWebhook = (url: string, extra: Record<string, unknown> = {}) => ({
  url,
  webhook_type: "email_sending",
  sending_stream: "transactional",
  event_types: ["delivery", "bounce"],
  ...extra,
});

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe("deliveries", () => {
  it("are signed with the webhook's secret and pass the receiver's verification", async () => {
    const sim = await simulator();
    // The receiver's handler needs the secret create returns, and create needs the URL first.
    let handle: ((request: Request) => Promise<Response>) | undefined;
    const received: ParsedEvent[] = [];
    const server = createServer((req, res) => handle && toNodeListener(handle)(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    const { signing_secret: secret } = await createWebhook(sim, sendingWebhook(url));
    handle = createWebhookHandler({ secret, onEvents: (events) => void received.push(...events) });

    const events = [sending("delivery", 1), sending("bounce", 2)];
    const [first] = await sim.emit(events);
    expect(first).toMatchObject({ ok: true, status: 200, attempt: 1, webhookId: 1, format: "json" });
    expect(received.map((parsed) => parsed.event)).toEqual(events);
  });

  it("in JSON Lines when the webhook asks for it", async () => {
    const sim = await simulator();
    const target = await receiver();
    const { signing_secret: secret } = await createWebhook(
      sim,
      sendingWebhook(target.url, { payload_format: "jsonlines" }),
    );
    await sim.emit([sending("delivery", 1), sending("delivery", 2)]);
    const [request] = target.received;
    expect(request?.headers["content-type"]).toMatch(/jsonl/);
    expect(
      request?.body
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).event_id),
    ).toEqual(["e-delivery-1", "e-delivery-2"]);
    expect(
      await verifySignature(request?.body ?? "", String(request?.headers["mailtrap-signature"]), secret),
    ).toBe(true);
    expect(
      await verifySignature(
        request?.body ?? "",
        String(request?.headers["mailtrap-signature"]),
        "0".repeat(32),
      ),
    ).toBe(false);
  });

  it("go only to active webhooks that subscribe, minding spam_complaint ↔ spam and soft_bounce ↔ soft bounce", async () => {
    const sim = await simulator();
    const complaints = await receiver();
    const deliveries = await receiver();
    const paused = await receiver();
    const audit = await receiver();
    await createWebhook(
      sim,
      sendingWebhook(complaints.url, { event_types: ["spam_complaint", "soft_bounce"] }),
    );
    await createWebhook(sim, sendingWebhook(deliveries.url, { event_types: ["delivery"] }));
    await createWebhook(sim, sendingWebhook(paused.url, { active: false }));
    await createWebhook(sim, { url: audit.url, webhook_type: "audit_log" });

    const attempts = await sim.emit([
      sending("spam"),
      sending("soft bounce"),
      sending("delivery"),
      ...exampleEvents("audit_log"),
    ]);
    expect(attempts.map((attempt) => attempt.webhookId)).toEqual([1, 2, 4]);
    const eventsOf = (target: { received: { body: string }[] }) =>
      target.received.flatMap(
        (request) => (JSON.parse(request.body) as { events: { event: string }[] }).events,
      );
    expect(eventsOf(complaints).map((event) => event.event)).toEqual(["spam", "soft bounce"]);
    expect(eventsOf(deliveries).map((event) => event.event)).toEqual(["delivery"]);
    expect(paused.received).toEqual([]);
    expect(eventsOf(audit)).toEqual(exampleEvents("audit_log"));
  });

  it("come in batches of at most 500 events", async () => {
    const sim = await simulator();
    const target = await receiver();
    await createWebhook(sim, sendingWebhook(target.url));
    const events = Array.from({ length: 1201 }, (_, n) => sending("delivery", n));
    const attempts = await sim.emit(events);
    expect(attempts.map((attempt) => attempt.events.length)).toEqual([500, 500, 201]);
    const sizes = target.received.map(
      (request) => (JSON.parse(request.body) as { events: unknown[] }).events.length,
    );
    expect(sizes.sort()).toEqual([201, 500, 500]);
  });

  it("are retried 5 (scaled) minutes apart until the receiver answers 200", async () => {
    const sim = await simulator({ timeScale: 0.00001 });
    const target = await receiver([500, 503, 200]);
    await createWebhook(sim, sendingWebhook(target.url));
    const [first] = await sim.emit([sending("delivery")]);
    // emit resolves with the first attempt; the retries follow.
    expect(first).toMatchObject({ ok: false, status: 500, attempt: 1, maxAttempts: 41, nextAttemptInMs: 3 });
    await sim.idle();
    expect(sim.deliveries.map(({ attempt, status, batchId }) => ({ attempt, status, batchId }))).toEqual([
      { attempt: 1, status: 500, batchId: 1 },
      { attempt: 2, status: 503, batchId: 1 },
      { attempt: 3, status: 200, batchId: 1 },
    ]);
    // The same signed body every time.
    expect(new Set(target.received.map((request) => request.body)).size).toBe(1);
  });

  it("deactivate a sending webhook when 40 retries fail", async () => {
    const sim = await simulator({ timeScale: 0.000001 });
    const target = await receiver([500]);
    await createWebhook(sim, sendingWebhook(target.url));
    await sim.emit([sending("delivery")]);
    await sim.idle();
    expect(sim.deliveries).toHaveLength(41);
    expect(sim.deliveries.at(-1)).toMatchObject({
      attempt: 41,
      nextAttemptInMs: undefined,
      deactivated: true,
    });
    expect(sim.deliveries.slice(0, -1).every((attempt) => !attempt.deactivated)).toBe(true);
    expect((await call(sim, "GET", "/api/webhooks/1")).body).toMatchObject({ data: { active: false } });
    expect(await sim.emit([sending("delivery")])).toEqual([]);
  });

  it("to an inbound webhook are tried up to 10 times, with doubling delays over 24 (scaled) hours", async () => {
    const sim = await simulator({ timeScale: 0.00001 });
    const target = await receiver([500]);
    const event = exampleEvents("inbound")[0] as InboundEvent;
    await createWebhook(sim, { url: target.url, webhook_type: "inbound_receiving", inbound_inbox_id: 7 });
    // Another inbox's email is not this webhook's.
    expect(await sim.emit([{ ...event, inbox_id: 8 }])).toEqual([]);
    await sim.emit([{ ...event, inbox_id: 7 }]);
    await sim.idle();
    expect(sim.deliveries).toHaveLength(10);
    const delays = sim.deliveries.slice(0, -1).map((attempt) => attempt.nextAttemptInMs ?? 0);
    for (let n = 1; n < delays.length; n++) expect(delays[n]).toBeCloseTo(2 * (delays[n - 1] ?? 0), -1);
    expect(delays.reduce((sum, delay) => sum + delay, 0)).toBeCloseTo(24 * 3_600_000 * 0.00001, -1);
    // Inbound webhooks are not paused.
    expect(sim.deliveries.at(-1)).toMatchObject({ attempt: 10, maxAttempts: 10, deactivated: false });
    expect(sim.webhooks()[0]?.active).toBe(true);
  });

  it("close() does not wait for a receiver that never answers, even mid-signing", async () => {
    const sim = await startSimulator({ timeScale: 0 });
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    closers.push(() => {
      silent.closeAllConnections();
      silent.close();
    });
    await createWebhook(sim, {
      url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
      webhook_type: "audit_log",
    });
    // Not awaited: close() runs while the first attempt is still being signed.
    const emitted = sim.emit(exampleEvents("audit_log"));
    const started = performance.now();
    await sim.close();
    await emitted;
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("name why a receiver gave no answer: a timeout, or the connection error and host", async () => {
    const sim = await simulator({ answerTimeoutMs: 100, timeScale: 0 });
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    closers.push(() => {
      silent.closeAllConnections();
      silent.close();
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await createWebhook(sim, {
      url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
      webhook_type: "audit_log",
    });
    await createWebhook(sim, { url: `http://127.0.0.1:${closedPort}/`, webhook_type: "audit_log" });
    const [timedOut, refused] = await sim.emit(exampleEvents("audit_log"));
    expect(timedOut).toMatchObject({ ok: false, status: undefined, error: "no answer within 100 ms" });
    expect(refused?.error).toBe(
      `could not reach 127.0.0.1:${closedPort} (ECONNREFUSED): nothing listens there; is the receiver running, and on that port?`,
    );
  });

  it("can be emitted over HTTP, for processes that do not hold the simulator", async () => {
    const sim = await simulator();
    const target = await receiver();
    await createWebhook(sim, { url: target.url, webhook_type: "campaigns", event_types: ["open"] });
    const answer = await fetch(`${sim.url}/simulator/emit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ events: exampleEvents("campaigns"), kind: "campaigns" }),
    });
    expect(await answer.json()).toEqual({
      data: [{ batch_id: 1, webhook_id: 1, attempt: 1, status: 200, ok: true }],
    });
    const wrong = await fetch(`${sim.url}/simulator/emit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ events: [], kind: "nope" }),
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toEqual({ error: expect.stringMatching(/kind must be one of/) });
    await expect(sim.emit([null as never])).rejects.toThrow("emit: events[0] must be an event object");
  });
});
