// README recipe: plain node:http. Compiled by the test suite.
import { createServer } from "node:http";
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";

const handler = createWebhookHandler({
  secret: process.env.MAILTRAP_WEBHOOK_SECRET ?? "",
  onEvents: (events) => console.log(`received ${events.length} events`),
});

createServer(toNodeListener(handler)).listen(3000);
