import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { store } from "./app.js";

interface Env {
  MAILTRAP_WEBHOOK_SECRET: string;
}

// A worker gets its secrets with each request, in `env`: the handler is made on the first one.
let mailtrap: ((request: Request) => Promise<Response>) | undefined;

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    mailtrap ??= createWebhookHandler({
      secret: env.MAILTRAP_WEBHOOK_SECRET,
      onEvents: (events, { signal }) => store(events, signal),
    });
    return mailtrap(request);
  },
};
