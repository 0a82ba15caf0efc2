import { createWebhooksClient } from "@mailtrap-webhooks/client";
import { createRawClient } from "@mailtrap-webhooks/client/raw";

// Same options as createWebhooksClient's connection: apiToken, baseUrl, authScheme, fetch, userAgent.
const raw = createRawClient({ apiToken: process.env.MAILTRAP_API_TOKEN ?? "" });

const { data, error, response } = await raw.GET("/api/webhooks/{webhook_id}", {
  params: { path: { webhook_id: 8127 } },
});
// Test data, not error: an error answer with an empty body has error "" or undefined.
if (data === undefined) {
  console.error(response.status, error); // typed: the 401, 403, 404 or 429 body
} else {
  console.log(data.data.url); // typed: the { data: Webhook } envelope
}

// Every attempt of the five methods goes through this fetch: add a header, log, or measure.
const withHeader = createWebhooksClient({
  apiToken: process.env.MAILTRAP_API_TOKEN ?? "",
  fetch: (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("Prefer", "code=429");
    return fetch(input, { ...init, headers });
  },
});
await withHeader.list().catch((error: unknown) => console.error(error));
