// README recipe: Bun.serve. Compiled by the test suite.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";

Bun.serve({
  port: 3000,
  fetch: createWebhookHandler({
    secret: Bun.env.MAILTRAP_WEBHOOK_SECRET ?? "",
    onEvents: (events) => queue.enqueue(events),
  }),
});

// Not in the README: the corner of the Bun namespace this file uses.
declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: { port: number; fetch(request: Request): Promise<Response> }): unknown;
};
declare const queue: { enqueue(value: unknown): Promise<void> };
