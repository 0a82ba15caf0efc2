import { createWebhooksClient } from "@mailtrap-webhooks/client";

const client = createWebhooksClient({ apiToken: process.env.MAILTRAP_API_TOKEN ?? "", accountId: 1 });

const { data, error, response } = await client.raw.GET("/api/accounts/{account_id}/webhooks/{webhook_id}", {
  params: { path: { account_id: 1, webhook_id: 8127 } },
});
if (error) {
  console.error(response.status, error); // typed: the 401, 403, 404 or 429 body
} else {
  console.log(data.data.url); // typed: the { data: Webhook } envelope
}
