// Runs on Node, Bun and Deno alike: the built client against the mock whose URL is the
// first argument, and the built receiver on the facts sheet's known-answer vector.
// Prints one JSON line with what it saw; the test that spawns it checks the values.
import { createWebhooksClient } from "@mailtrap-webhooks/client";
import {
  createTestDelivery,
  createWebhookHandler,
  parseEvents,
  verifySignature,
} from "@mailtrap-webhooks/receiver";

const mockUrl = globalThis.process?.argv?.[2] ?? globalThis.Deno?.args?.[0];
const result = { runtime: runtimeName() };

function runtimeName() {
  if (globalThis.Deno) return `deno ${Deno.version.deno}`;
  if (globalThis.Bun) return `bun ${Bun.version}`;
  return `node ${process.versions.node}`;
}

const client = createWebhooksClient({ apiToken: "smoke-token", accountId: 1, baseUrl: mockUrl });
result.listed = (await client.list()).length;
const created = await client.create({ url: "https://example.com/hooks", webhook_type: "audit_log" });
result.createdHasSecret = typeof created.signing_secret === "string";
result.fetchedId = (await client.get(created.id)).id;
result.updatedActive = (await client.update(created.id, { active: false })).active;
result.deletedId = (await client.delete(created.id)).id;
try {
  await client.get(0);
} catch (error) {
  result.invalidIdError = error?.constructor?.name;
}

const payload =
  '{"event":"delivery","sending_stream":"transactional","category":"welcome","message_id":"a8b1d8f6-1f8d-4a3c-9b2e-1a2b3c4d5e6f","email":"recipient@example.com","event_id":"f1e2d3c4-b5a6-7890-1234-567890abcdef","timestamp":1716070000}';
const secret = "8d9a3c0e7f5b2d4a6c1e9f8b3a7d5c2e";
const signature = "6d262e2611cd09be1f948382b5c611d63b0e585c4c9c5e40139d6ac3876d5433";
result.knownAnswer = await verifySignature(payload, signature, secret);
result.tampered = await verifySignature(payload.replace("welcome", "Welcome"), signature, secret);
result.parsedJsonLines = parseEvents(`${payload}\r\n${payload}\n`, { format: "jsonlines" }).length;

let handled = 0;
const handler = createWebhookHandler({
  secret,
  onEvents: (events) => {
    handled += events.length;
  },
});
const delivery = await createTestDelivery([JSON.parse(payload)], { secret, format: "json" });
result.handlerStatus = (await handler(delivery)).status;
result.handled = handled;

console.log(JSON.stringify(result));
