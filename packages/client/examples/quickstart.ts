import { createWebhooksClient } from "@mailtrap-webhooks/client";

const client = createWebhooksClient({
  apiToken: process.env.MAILTRAP_API_TOKEN ?? "",
  accountId: Number(process.env.MAILTRAP_ACCOUNT_ID),
});

// Create: the only answer that carries the signing secret. Store it; never log it.
const hook = await client.create({
  url: "https://example.com/hooks/mailtrap",
  webhook_type: "email_sending",
  sending_stream: "transactional",
  event_types: ["delivery", "bounce", "spam_complaint"],
});
await saveSecret(hook.id, hook.signing_secret);

// List every webhook of the account.
const all = await client.list();
console.log(all.map((w) => `${w.id} ${w.webhook_type} ${w.url}`));

// Get one by id.
const one = await client.get(hook.id);
console.log(one.active, one.event_types);

// Update: send only the fields to change.
const paused = await client.update(hook.id, { active: false });
console.log(paused.active); // false

// Delete: answers the webhook as it was.
const deleted = await client.delete(hook.id);
console.log(`deleted ${deleted.url}`);

async function saveSecret(id: number, secret: string): Promise<void> {
  // e.g. write it to your secret store, keyed by webhook id
  void id;
  void secret;
}
