// README recipe: verifying and parsing by hand. Compiled by the test suite.
import { parseEvents, verifySignature, WebhookParseError } from "@mailtrap-webhooks/receiver";

export async function receive(request: Request): Promise<Response> {
  const body = new Uint8Array(await request.arrayBuffer()); // the raw bytes, not request.json()
  const signature = request.headers.get("mailtrap-signature");
  if (!(await verifySignature(body, signature, process.env.MAILTRAP_WEBHOOK_SECRET ?? ""))) {
    return new Response("bad signature", { status: 401 });
  }
  try {
    const events = parseEvents(body, { contentType: request.headers.get("content-type") });
    console.log(events.map(({ kind, event }) => `${kind}: ${event.event}`));
    return new Response("ok");
  } catch (error) {
    if (error instanceof WebhookParseError) return new Response(error.message, { status: 400 });
    throw error;
  }
}
