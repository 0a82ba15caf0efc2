// README recipes: Express, streamed and with express.raw(). Compiled by the test suite.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";
import express from "express";
import { isStored, store } from "./app.js";

const mailtrap = createWebhookHandler({
  // Two secrets while rotating: the new one, and the old one until Mailtrap uses the new.
  secrets: [process.env.MAILTRAP_WEBHOOK_SECRET, process.env.MAILTRAP_WEBHOOK_SECRET_OLD].filter(
    (secret) => secret !== undefined,
  ),
  seen: isStored,
  onEvents: (events, { signal }) => store(events, signal),
});

const app = express();
// Webhook routes come before express.json(), which would consume the body.
// Streamed: the listener reads the raw body itself and feeds the HMAC as it arrives.
app.post("/webhooks/mailtrap", toNodeListener(mailtrap));
// Or with express.raw(): the listener takes the Buffer it left. express.raw() does the reading
// here, so its limit is the one that answers 413 (and it reads an oversized upload to the end).
app.post("/webhooks/mailtrap-raw", express.raw({ type: "*/*", limit: "5mb" }), toNodeListener(mailtrap));
app.use(express.json());
app.listen(3000);
