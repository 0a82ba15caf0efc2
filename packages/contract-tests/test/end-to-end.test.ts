import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { deliverTestEvents } from "@mailtrap-webhooks/mock";
import { createWebhookHandler, type ParsedEvent } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";
import { afterEach, describe, expect, it } from "vitest";
import { mockClient } from "./support/client.js";

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function startReceiver(secret: string, received: ParsedEvent[]): Promise<string> {
  const handler = createWebhookHandler({
    secret,
    onEvents: (events) => {
      received.push(...events);
    },
  });
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/mailtrap`;
}

describe("client + mock + receiver, end to end", () => {
  it.each(["json", "jsonlines"] as const)(
    "a webhook created on the mock verifies signed %s deliveries",
    async (format) => {
      const { client } = mockClient();
      const webhook = await client.create({
        url: "https://example.com/hooks/e2e",
        webhook_type: "email_sending",
        sending_stream: "transactional",
        event_types: ["delivery", "bounce"],
      });
      expect(webhook.signing_secret).toMatch(/^[0-9a-f]{32}$/);

      const received: ParsedEvent[] = [];
      const url = await startReceiver(webhook.signing_secret, received);
      const result = await deliverTestEvents({ url, secret: webhook.signing_secret, format });

      expect(result.status).toBe(200);
      expect(received).toHaveLength(result.events.length);
      expect(received.every((item) => item.kind === "sending")).toBe(true);
      const bounce = received.find((item) => item.kind === "sending" && item.event.event === "bounce");
      if (bounce?.kind !== "sending" || bounce.event.event !== "bounce") throw new Error("no bounce arrived");
      // Typed all the way: bounce-only fields are visible without casts.
      expect(bounce.event.response_code).toBe(550);
    },
  );

  it("a delivery signed with another webhook's secret is refused and nothing arrives", async () => {
    const { client } = mockClient();
    const webhook = await client.create({ url: "https://example.com/hooks/e2e", webhook_type: "audit_log" });
    const received: ParsedEvent[] = [];
    const url = await startReceiver(webhook.signing_secret, received);
    const result = await deliverTestEvents({
      url,
      secret: "ffffffffffffffffffffffffffffffff",
      kind: "audit_log",
    });
    expect(result.status).toBe(401);
    expect(received).toHaveLength(0);
  });
});
