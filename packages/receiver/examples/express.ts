// README recipe: Express. Compiled by the test suite; the README quotes the first block verbatim.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";

const mailtrap = createWebhookHandler({
  // Two secrets while rotating: the new one, and the old one until Mailtrap uses the new.
  secrets: [process.env.MAILTRAP_WEBHOOK_SECRET, process.env.MAILTRAP_WEBHOOK_SECRET_OLD].filter(
    (secret) => secret !== undefined,
  ),
  seen: (eventId) => processed.has(eventId),
  onEvents: async (events) => {
    for (const { event } of events) await store(event);
  },
});

// express.raw() keeps the body as bytes. Register it for this route only, before any
// express.json() that would parse (and so lose) the exact bytes Mailtrap signed.
app.post("/webhooks/mailtrap", express.raw({ type: "*/*", limit: "5mb" }), toNodeListener(mailtrap));

// Not in the README: stand-ins so this file compiles without Express installed.
declare const express: { raw(options: { type: string; limit?: string }): unknown };
declare const app: { post(path: string, ...handlers: unknown[]): unknown };
declare const processed: Set<string>;
declare function store(event: unknown): Promise<void>;
