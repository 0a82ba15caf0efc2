// README recipe: a Next.js App Router route handler, app/webhooks/mailtrap/route.ts.
// Compiled and run by the test suite.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { suppress } from "./app.js";

const handler = createWebhookHandler({
  secret: process.env.MAILTRAP_WEBHOOK_SECRET ?? "",
  onEvents: async (events) => {
    for (const { kind, event } of events) {
      if (kind !== "sending") continue;
      switch (event.event) {
        case "bounce":
        case "spam":
        case "unsubscribe":
          await suppress(event.email, event.event);
          break;
        case "soft bounce":
          console.warn(`soft bounce for ${event.email}: ${event.bounce_category ?? "unknown"}`);
          break;
      }
    }
  },
});

// Route handlers receive the untouched Request, so the raw body is still there.
export async function POST(request: Request): Promise<Response> {
  return handler(request);
}
