import {
  createWebhooksClient,
  NotFoundError,
  RateLimitError,
  ValidationError,
  WebhooksApiError,
} from "@mailtrap-webhooks/client";

const client = createWebhooksClient({ apiToken: process.env.MAILTRAP_API_TOKEN ?? "" });

try {
  await client.update(8127, { url: "not a url" });
} catch (error) {
  if (error instanceof ValidationError) {
    console.error(error.fields); // { url: ["is invalid"] }
  } else if (error instanceof NotFoundError) {
    console.error("no such webhook");
  } else if (error instanceof RateLimitError) {
    console.error(`slow down; retry in ${error.retryAfter ?? "a few"} s`);
  } else if (error instanceof WebhooksApiError) {
    console.error(error.status, error.requestId, error.message);
  } else {
    throw error;
  }
}
