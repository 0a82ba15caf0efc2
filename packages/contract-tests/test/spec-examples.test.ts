import { parseEvents } from "@mailtrap-webhooks/receiver";
import { sendingEventNameValues } from "@mailtrap-webhooks/types";
import { describe, expect, it } from "vitest";
import { operationExamples, schemaValidator, webhookExamples } from "./support/spec.js";

const validate = schemaValidator();
const deliveries = webhookExamples();

describe("webhooks: examples", () => {
  it("there is an example of every sending event kind and of audit-log events", () => {
    expect(deliveries.length).toBeGreaterThanOrEqual(13);
    const eventsOf = (prefix: string) =>
      deliveries
        .filter(({ schema }) => schema.startsWith(prefix))
        .flatMap(({ schema, value }) =>
          schema.endsWith("Batch") ? (value as { events: unknown[] }).events : [value],
        ) as Array<{ event: string }>;
    expect(new Set(eventsOf("SendingEvent").map((e) => e.event))).toEqual(new Set(sendingEventNameValues));
    expect(eventsOf("AuditLogEvent").length).toBeGreaterThan(0);
  });

  it.each(deliveries)("$where validates against $schema (Ajv, draft 2020-12)", ({ schema, value }) => {
    expect(validate(schema, value).errors).toBe("No errors");
  });

  it.each(deliveries)("$where parses through the receiver", ({ schema, value }) => {
    const isBatch = schema.endsWith("Batch");
    const body = isBatch ? JSON.stringify(value) : `${JSON.stringify(value)}\n`;
    const parsed = parseEvents(body, { format: isBatch ? "json" : "jsonlines" });
    const sent = isBatch ? (value as { events: unknown[] }).events : [value];
    expect(parsed.map((item) => item.event)).toEqual(sent);
    const kind = schema.startsWith("AuditLog") ? "audit_log" : "sending";
    expect(parsed.every((item) => item.kind === kind)).toBe(true);
  });
});

describe("management examples", () => {
  it.each(operationExamples())("$where validates against $schema", ({ schema, value }) => {
    expect(validate(schema, value).errors).toBe("No errors");
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
