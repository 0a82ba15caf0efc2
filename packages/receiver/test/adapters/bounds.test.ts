// Time, disconnects and oversized uploads, over real HTTP for every adapter: the signal that
// onEvents receives aborts when the sender goes away mid-delivery, and an endless chunked
// upload gets its 413 and a closed connection instead of being read to the end.
import { once } from "node:events";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import type { WebhookEvent } from "@mailtrap-webhooks/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookHandler } from "../../src/handler.js";
import { serializeEvents, signPayload } from "../../src/testing.js";
import { knownAnswer } from "../fixtures.js";
import { example } from "../spec.js";
import { adapters, type Running } from "../support/servers.js";

const { secret } = knownAnswer;
const LIMIT = 64 * 1024;

// Resolves with the value, or with `fallback` after `ms`: a broken behaviour fails an
// assertion instead of hanging the suite.
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(resolve, ms, fallback);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe.each(Object.entries(adapters))("%s", (name, start) => {
  let running: Running;
  let started: () => void = () => {};
  let aborted: (reason: string) => void = () => {};
  beforeAll(async () => {
    const handler = createWebhookHandler({
      secret,
      maxBodyBytes: LIMIT,
      timeoutMs: 60_000,
      onError: () => {},
      onEvents: async (_events, { signal }) => {
        started();
        await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
        aborted(String((signal.reason as Error | undefined)?.name));
      },
    });
    running = await start(handler);
  });
  afterAll(() => running.stop());

  it("aborts context.signal when the sender disconnects while onEvents runs", async () => {
    const body = serializeEvents([{ ...example("DeliveryEvent"), event_id: "gone" } as WebhookEvent], "json");
    const inOnEvents = new Promise<void>((resolve) => {
      started = resolve;
    });
    const reason = new Promise<string>((resolve) => {
      aborted = resolve;
    });
    const req = httpRequest(running.url, {
      method: "POST",
      headers: { "content-type": "application/json", "mailtrap-signature": await signPayload(body, secret) },
    });
    req.on("error", () => {});
    req.end(body);
    expect(
      await within(
        inOnEvents.then(() => "started"),
        5000,
        "onEvents never ran",
      ),
    ).toBe("started");
    req.destroy();
    expect(await within(reason, 5000, "signal not aborted")).toBe("AbortError");
  });

  // With express.raw() the body is Express's to read, under express.raw()'s own `limit`:
  // the README recommends the streamed route for that reason.
  it.skipIf(name === "Express + express.raw()")(
    "answers an endless chunked upload with 413 and closes the connection without reading on",
    async () => {
      const { port, pathname } = new URL(running.url);
      const socket = connect(Number(port), "127.0.0.1");
      await once(socket, "connect");
      let answer = "";
      socket.setEncoding("latin1").on("data", (text: string) => {
        answer += text;
      });
      const closed = new Promise<string>((resolve) => {
        socket.on("close", () => resolve("closed"));
        socket.on("error", () => {});
      });
      socket.write(
        `POST ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Mailtrap-Signature: ${"0".repeat(64)}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      // Twice the limit, and never the final chunk: a server reading to the end would wait forever.
      const chunk = `4000\r\n${" ".repeat(0x4000)}\r\n`;
      for (let i = 0; i < (2 * LIMIT) / 0x4000 && !socket.destroyed; i++) {
        if (!socket.write(chunk)) await within(once(socket, "drain"), 1000, undefined);
      }
      const outcome = await within(closed, 5000, "still open");
      socket.destroy();
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer.toLowerCase()).toContain("connection: close");
      expect(outcome).toBe("closed");
    },
  );
});
