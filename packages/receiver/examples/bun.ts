// README recipe: Bun.serve. Compiled by the test suite.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { store } from "./app.js";

Bun.serve({
  port: 3000,
  fetch: createWebhookHandler({
    secret: Bun.env.MAILTRAP_WEBHOOK_SECRET ?? "",
    onEvents: (events, { signal }) => store(events, signal),
  }),
});

// Not in the README: the corner of Bun's global namespace this file uses.
declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: { port: number; fetch(request: Request): Promise<Response> }): unknown;
};
