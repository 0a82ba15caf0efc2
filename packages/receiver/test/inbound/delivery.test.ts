// Inbound deliveries (inbound_receiving webhooks): from the spec's example, signed, through the
// handler, to `onEvents` as kind "inbound" with the generated InboundEvent type.
import { exampleEvents } from "@mailtrap-webhooks/spec";
import type { InboundEvent } from "@mailtrap-webhooks/types";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createWebhookHandler } from "../../src/handler.js";
import { type ParsedEvent, parseEvents } from "../../src/parse.js";
import { createTestDelivery } from "../../src/testing.js";
import { verifySignature } from "../../src/verify.js";
import { knownAnswer } from "../fixtures.js";

const { secret } = knownAnswer;
const inboundExamples = () => exampleEvents("inbound") as InboundEvent[];

function receiver() {
  const received: ParsedEvent[] = [];
  const handler = createWebhookHandler({
    secret,
    onEvents: (events) => {
      received.push(...events);
    },
    onError: () => {},
  });
  return { handler, received };
}

describe("inbound deliveries", () => {
  it("the spec's example is signed, verified and parsed into kind inbound, with typed fields", async () => {
    const events = inboundExamples();
    const request = await createTestDelivery(events, { secret });
    const body = await request.clone().text();
    expect(await verifySignature(body, request.headers.get("mailtrap-signature"), secret)).toBe(true);

    const { handler, received } = receiver();
    expect((await handler(request)).status).toBe(200);
    expect(received).toEqual(events.map((event) => ({ kind: "inbound", event })));

    const [first] = received;
    if (first?.kind !== "inbound") throw new Error(`expected an inbound event, got ${first?.kind}`);
    expectTypeOf(first.event).toEqualTypeOf<InboundEvent>();
    expectTypeOf(first.event.message_id).toEqualTypeOf<string | undefined>();
    expect(first.event).toMatchObject({ event: "inbound.message_received", inbox_id: 2231 });
    expect(typeof first.event.message_id).toBe("string");
  });

  it("keeps fields the spec does not name", async () => {
    const [example] = inboundExamples();
    const event = { ...example, subject: "Hello", attachments: [{ filename: "a.pdf" }] } as InboundEvent;
    const { handler, received } = receiver();
    expect((await handler(await createTestDelivery([event], { secret }))).status).toBe(200);
    expect(received).toEqual([{ kind: "inbound", event }]);
    expect(parseEvents(JSON.stringify({ events: [event] }), { format: "json" })[0]?.event).toHaveProperty(
      "attachments",
      [{ filename: "a.pdf" }],
    );
  });
});
