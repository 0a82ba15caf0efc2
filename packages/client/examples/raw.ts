import { createWebhooksClient } from "@mailtrap-webhooks/client";

const client = createWebhooksClient({ apiToken: process.env.MAILTRAP_API_TOKEN ?? "" });

const { data, error, response } = await client.raw.GET("/api/webhooks/{webhook_id}", {
  params: { path: { webhook_id: 8127 } },
});
if (error) {
  console.error(response.status, error); // typed: the 401, 403, 404 or 429 body
} else {
  console.log(data.data.url); // typed: the { data: Webhook } envelope
}
