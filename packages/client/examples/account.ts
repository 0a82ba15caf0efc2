import { createWebhooksClient } from "@mailtrap-webhooks/client";

// The account form: /api/accounts/{account_id}/webhooks[/{webhook_id}], as in Mailtrap's older
// docs and its official Node SDK 4.10. Same methods, arguments and results as without accountId.
const client = createWebhooksClient({
  apiToken: process.env.MAILTRAP_API_TOKEN ?? "",
  accountId: 1234567,
});
const all = await client.list(); // GET /api/accounts/1234567/webhooks
console.log(all.length);
