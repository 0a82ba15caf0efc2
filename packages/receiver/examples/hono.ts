// README recipe: Hono (any runtime). Compiled by the test suite.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { Hono } from "hono";
import { store } from "./app.js";

const mailtrap = createWebhookHandler({
  secret: process.env.MAILTRAP_WEBHOOK_SECRET ?? "",
  onEvents: (events, { signal }) => store(events, signal),
});

const app = new Hono();
// c.req.raw is the original Request; its body has not been read yet.
app.post("/webhooks/mailtrap", (c) => mailtrap(c.req.raw));

export default app;
