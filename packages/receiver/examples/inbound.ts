// README recipe: an inbound_receiving webhook. Compiled and run by the test suite.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { fetchInboundMessage } from "./app.js";

// Each webhook has its own signing secret, so the inbound one gets its own variable.
export const receiveInbound = createWebhookHandler({
  secret: process.env.MAILTRAP_INBOUND_WEBHOOK_SECRET ?? "",
  onEvents: async (events) => {
    for (const { kind, event } of events) {
      // The event only announces the email; the message itself comes from the inbound messages API.
      if (kind === "inbound" && event.message_id !== undefined) {
        await fetchInboundMessage(event.inbox_id, event.message_id);
      }
    }
  },
});
