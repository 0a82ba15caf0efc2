import { createWebhooksClient } from "@mailtrap-webhooks/client";

// The account is the API token's: no account id needed.
const client = createWebhooksClient({ apiToken: process.env.MAILTRAP_API_TOKEN ?? "" });

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

// Get one by id. Fields only some webhook types have are optional: check them before use.
const one = await client.get(hook.id);
console.log(one.active, one.webhook_type);
if (one.event_types?.includes("bounce")) console.log("bounces are delivered");
if (one.sending_stream) console.log(`stream: ${one.sending_stream.toUpperCase()}`);

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
