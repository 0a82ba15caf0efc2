// README recipe: Fastify. Compiled by the test suite.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { toFastifyPlugin } from "@mailtrap-webhooks/receiver/fastify";
import Fastify from "fastify";
import { store } from "./app.js";

const mailtrap = createWebhookHandler({
  secret: process.env.MAILTRAP_WEBHOOK_SECRET ?? "",
  onEvents: (events, { signal }) => store(events, signal),
});

const app = Fastify();
// The plugin takes the raw body itself; Fastify's JSON parser stays on for the rest of the app.
await app.register(toFastifyPlugin(mailtrap), { prefix: "/webhooks/mailtrap" });
await app.listen({ port: 3000 });
