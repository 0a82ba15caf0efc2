// The example of the README's "Test your integration end to end", compiled by the package's
// type check and run by test/readme/readme.test.ts.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhooksClient } from "@mailtrap-webhooks/client";
import { exampleEvents, startSimulator } from "@mailtrap-webhooks/mock";
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";

// A local Mailtrap whose retries run 10 000 times faster: 5 minutes become 30 ms.
const mailtrap = await startSimulator({ timeScale: 0.0001 });
const client = createWebhooksClient({ apiToken: "test-token", baseUrl: mailtrap.url });

// Your app's webhook endpoint: it verifies deliveries with the secret create returns (below),
// and its first answer is a 503, as from an app still starting up.
let handleDelivery: (request: Request) => Promise<Response>;
let requests = 0;
const app = createServer(
  toNodeListener(async (request) => {
    requests += 1;
    return requests === 1 ? new Response("starting up", { status: 503 }) : handleDelivery(request);
  }),
);
await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
const { port } = app.address() as AddressInfo;

// Create the webhook through the client, as against mailtrap.io, and keep its secret.
const webhook = await client.create({
  url: `http://127.0.0.1:${port}/webhooks/mailtrap`,
  webhook_type: "email_sending",
  sending_stream: "transactional",
  event_types: ["bounce", "spam_complaint"],
});
const suppressed: string[] = [];
handleDelivery = createWebhookHandler({
  secret: webhook.signing_secret, // a delivery signed with any other secret gets a 401
  onEvents: (events) => {
    for (const { event } of events) if ("email" in event) suppressed.push(`${event.email} (${event.event})`);
  },
});

// Mailtrap sends one event of each kind (the spec's examples); the webhook subscribes to two.
// The first attempt meets the 503; the retry is verified and handled.
const [first] = await mailtrap.emit(exampleEvents("sending"));
console.log(first?.status); // 503
await mailtrap.idle(); // until no retry is pending
console.log(mailtrap.deliveries.map((attempt) => attempt.status)); // [ 503, 200 ]
console.log(suppressed); // [ 'annoyed@example.net (spam)', 'nobody@example.org (bounce)' ]

app.close();
await mailtrap.close();
// end of the README example

export const statuses = mailtrap.deliveries.map((attempt) => attempt.status);
export { suppressed };
