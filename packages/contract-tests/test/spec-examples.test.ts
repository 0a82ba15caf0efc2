import { type ParsedEvent, parseEvents } from "@mailtrap-webhooks/receiver";
import { type DeliveryKind, deliveryEntries } from "@mailtrap-webhooks/spec";
import { sendingEventNameValues } from "@mailtrap-webhooks/types";
import { describe, expect, it } from "vitest";
import { operationExamples, schemaValidator, unusedExamples, webhookExamples } from "./support/spec.js";

const validate = schemaValidator();
const deliveries = webhookExamples();

// The receiver tells kinds apart by the event's name: campaign events carry sending event
// names (`open`, `click`), so they come out as "sending".
const receiverKind: Record<DeliveryKind, ParsedEvent["kind"]> = {
  sending: "sending",
  campaigns: "sending",
  audit_log: "audit_log",
  inbound: "inbound",
};

const isBatch = (value: unknown): value is { events: unknown[] } =>
  typeof value === "object" && value !== null && Array.isArray((value as { events?: unknown }).events);
const eventsOf = (value: unknown) => (isBatch(value) ? value.events : [value]) as Array<{ event: string }>;

describe("webhooks: examples", () => {
  it("there is an example of every sending event kind and of every delivery", () => {
    const byKind = (kind: DeliveryKind) =>
      deliveries.filter((example) => example.kind === kind).flatMap(({ value }) => eventsOf(value));
    expect(new Set(byKind("sending").map((e) => e.event))).toEqual(new Set(sendingEventNameValues));
    for (const kind of Object.keys(deliveryEntries) as DeliveryKind[]) {
      expect(byKind(kind).length, kind).toBeGreaterThan(0);
    }
  });

  it.each(deliveries)("$where validates against $schema (Ajv, draft 2020-12)", ({ schema, value }) => {
    expect(validate(schema, value).errors).toBe("No errors");
  });

  it.each(deliveries)("$where parses through the receiver", ({ kind, value }) => {
    const body = isBatch(value) ? JSON.stringify(value) : `${JSON.stringify(value)}\n`;
    const parsed = parseEvents(body, { format: isBatch(value) ? "json" : "jsonlines" });
    expect(parsed.map((item) => item.event)).toEqual(eventsOf(value));
    expect(parsed.map((item) => item.kind)).toEqual(parsed.map(() => receiverKind[kind]));
  });
});

describe("management examples", () => {
  const examples = operationExamples();

  it("cover both path forms' shared responses and request bodies", () => {
    const places = new Set(examples.map(({ where }) => where.split(" ")[0]));
    expect([...places].filter((place) => place?.startsWith("components.responses.")).length).toBeGreaterThan(
      5,
    );
    expect(places).toContain("components.requestBodies.CreateWebhook");
    expect(places).toContain("components.requestBodies.UpdateWebhook");
  });

  it.each(examples)("$where validates against $schema", ({ schema, value }) => {
    expect(validate(schema, value).errors).toBe("No errors");
  });
});

describe("every example is checked", () => {
  it("each entry of components.examples is used by a request, response or delivery", () => {
    expect(unusedExamples()).toEqual([]);
  });
});

describe("the validator itself", () => {
  it("rejects an event that lost a required field, so the checks above can fail", () => {
    const [first] = deliveries.filter((d) => d.schema === "SendingEvent");
    const broken = { ...(first?.value as Record<string, unknown>) };
    delete broken.event_id;
    expect(validate("SendingEvent", broken).errors).not.toBe("No errors");
  });
});
