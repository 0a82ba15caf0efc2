import { type DeliveryKind, deliveryEntries, exampleEvents, exampleValue } from "@mailtrap-webhooks/spec";
import { sendingEventNameValues, type WebhookEvent } from "@mailtrap-webhooks/types";
import { describe, expect, it } from "vitest";
import { type ParsedEvent, parseEvents } from "../../src/parse.js";
import { serializeEvents } from "../../src/testing.js";
import { example, singleAuditExamples, singleSendingExamples } from "../spec.js";

// The kind each delivery's events parse into. Campaign events carry sending event names
// (open, click, ...), so they parse as sending events.
const expectedKind = {
  sending: "sending",
  campaigns: "sending",
  audit_log: "audit_log",
  inbound: "inbound",
} as const satisfies Record<DeliveryKind, ParsedEvent["kind"]>;

// The JSON batch example of each delivery, named in components.examples.
const batchExamples = {
  sending: "SendingEventBatch",
  campaigns: "CampaignEventBatch",
  audit_log: "AuditLogEventBatch",
  inbound: "InboundEventBatch",
} as const satisfies Record<DeliveryKind, string>;

const kinds = Object.keys(deliveryEntries) as DeliveryKind[];

describe("every example event in the spec parses", () => {
  it("covers one example per sending event name", () => {
    const names = singleSendingExamples.map((name) => (example(name) as { event: string }).event);
    expect(names.sort()).toEqual([...sendingEventNameValues].sort());
  });

  it.each(singleSendingExamples)("%s parses as a sending event, in both formats", (name) => {
    const event = example(name);
    for (const format of ["json", "jsonlines"] as const) {
      expect(parseEvents(serializeEvents([event], format), { format })).toEqual([{ kind: "sending", event }]);
    }
  });

  it.each(singleAuditExamples)("%s parses as an audit-log event, in both formats", (name) => {
    const event = example(name);
    for (const format of ["json", "jsonlines"] as const) {
      expect(parseEvents(serializeEvents([event], format), { format })).toEqual([
        { kind: "audit_log", event },
      ]);
    }
  });

  it.each(kinds)("the %s delivery's example events parse into their kind", (kind) => {
    const events = exampleEvents(kind) as WebhookEvent[];
    const parsed = parseEvents(serializeEvents(events), { format: "json" });
    expect(parsed).toEqual(events.map((event) => ({ kind: expectedKind[kind], event })));
  });

  it.each(kinds)("the %s delivery's batch example parses from its JSON body", (kind) => {
    const batch = exampleValue(batchExamples[kind]) as { events: unknown[] };
    const parsed = parseEvents(JSON.stringify(batch, null, 2), {
      contentType: "application/json; charset=utf-8",
    });
    expect(parsed.map((item) => item.event)).toEqual(batch.events);
    expect(parsed.every((item) => item.kind === expectedKind[kind])).toBe(true);
  });
});
