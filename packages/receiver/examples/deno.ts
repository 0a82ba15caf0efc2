// README recipe: Deno.serve. Compiled by the test suite.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";

const mailtrap = createWebhookHandler({
  secret: Deno.env.get("MAILTRAP_WEBHOOK_SECRET") ?? "",
  onEvents: (events) => queue.enqueue(events),
});

Deno.serve({ port: 8000 }, mailtrap);

// Not in the README: the corner of the Deno namespace this file uses.
declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(options: { port: number }, handler: (request: Request) => Promise<Response>): unknown;
};
declare const queue: { enqueue(value: unknown): Promise<void> };
