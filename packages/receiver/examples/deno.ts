// README recipe: Deno.serve. Compiled by the test suite.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { store } from "./app.js";

const mailtrap = createWebhookHandler({
  secret: Deno.env.get("MAILTRAP_WEBHOOK_SECRET") ?? "",
  onEvents: (events, { signal }) => store(events, signal),
});

Deno.serve({ port: 8000 }, mailtrap);

// Not in the README: the corner of Deno's global namespace this file uses.
declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(options: { port: number }, handler: (request: Request) => Promise<Response>): unknown;
};
