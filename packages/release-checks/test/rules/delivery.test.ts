// Webhook deliveries: Mailtrap writes them and the receiver reads them, so they follow read rules.
import { describe, expect, it } from "vitest";
import { breaksOf, schemas } from "../scratch.js";
import { AUDIT, JSON_BODY, SENDING } from "./locations.js";

const events = `${SENDING} › ${JSON_BODY} › events[]`;

describe("webhook deliveries", () => {
  it("flags a removed delivery field in every event shape that has it", () => {
    const lines = breaksOf((spec) => delete schemas(spec).SendingEventFields.properties.category);
    expect(lines).toContain(`property-removed @ ${events}<DeliveryEvent>.category`);
    expect(lines).toContain(
      `property-removed @ ${SENDING} › request body (application/jsonl) › <RejectEvent>.category`,
    );
    expect(lines).toHaveLength(18); // 9 event shapes × 2 payload formats
  });

  it("compares fields that reach an event through allOf", () => {
    const lines = breaksOf((spec) => delete schemas(spec).BounceFields.properties.response_code);
    expect(lines.filter((line) => line.includes(JSON_BODY))).toEqual([
      `property-removed @ ${events}<SoftBounceEvent>.response_code`,
      `property-removed @ ${events}<BounceEvent>.response_code`,
    ]);
  });

  it("flags narrowed event kinds", () => {
    const lines = breaksOf((spec) => {
      const union = schemas(spec).SendingEvent;
      union.oneOf = union.oneOf.filter((member: { $ref: string }) => !member.$ref.endsWith("/RejectEvent"));
      delete union.discriminator.mapping.reject;
      schemas(spec).SendingEventName.enum.pop();
    });
    // Each remaining event pins `event` to its own value, so only the union shrinks.
    expect(lines).toEqual([
      `variant-removed @ ${events}`,
      `variant-removed @ ${SENDING} › request body (application/jsonl)`,
    ]);
  });

  it("flags a new event kind (exhaustive handlers stop compiling)", () => {
    const lines = breaksOf((spec) => {
      schemas(spec).DeferEvent = {
        allOf: [{ $ref: "#/components/schemas/SendingEventFields" }],
      };
      schemas(spec).SendingEvent.oneOf.push({ $ref: "#/components/schemas/DeferEvent" });
    });
    expect(lines).toContain(`variant-added @ ${events}`);
  });

  it("flags a closed set of values that became open", () => {
    const lines = breaksOf((spec) => delete schemas(spec).AuditLogActor.properties.type.enum);
    expect(lines).toContain(`enum-widened @ ${AUDIT} › ${JSON_BODY} › events[].actor.type`);
  });

  it("flags a signature header that may be missing", () => {
    const lines = breaksOf((spec) => {
      spec.components.parameters.MailtrapSignature.required = false;
    });
    expect(lines).toContain(`parameter-became-optional @ ${SENDING} › header parameter Mailtrap-Signature`);
  });

  it("flags a payload format readers must now parse", () => {
    const lines = breaksOf((spec) => {
      spec.webhooks.auditLogEvents.post.requestBody.content["application/xml"] = {
        schema: { type: "string" },
      };
    });
    expect(lines).toEqual([`media-type-added @ ${AUDIT} › request body (application/xml)`]);
  });
});
