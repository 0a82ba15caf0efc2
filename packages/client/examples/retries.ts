import { createWebhooksClient } from "@mailtrap-webhooks/client";

const client = createWebhooksClient({
  apiToken: process.env.MAILTRAP_API_TOKEN ?? "",
  timeoutMs: 10_000, // per attempt (default 30 000)
  maxRetries: 4, // retries after the first attempt (default 2)
  userAgent: "billing-sync/1.4",
});

// Per call: cancel with an AbortSignal, or change the timeout and retries for this call only.
const controller = new AbortController();
setTimeout(() => controller.abort(), 5_000);
const webhooks = await client.list({ signal: controller.signal, timeoutMs: 2_000, maxRetries: 0 });
console.log(webhooks.length);

const logged = createWebhooksClient({
  apiToken: process.env.MAILTRAP_API_TOKEN ?? "",
  logLevel: "info",
  logger: console, // or pino(), winston.createLogger(), ...
});
// [mailtrap-webhooks] GET /api/webhooks (attempt 1 of 3) → 503; retrying in 447 ms
// [mailtrap-webhooks] GET /api/webhooks (attempt 2 of 3) → ConnectionError; retrying in 862 ms
await logged.list();
