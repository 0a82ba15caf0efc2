// What the SDK user sends: requests may grow more lenient, never stricter.
import { describe, expect, it } from "vitest";
import { breaksOf, type Edit, schemas } from "../scratch.js";
import { ACCOUNT_CREATE, ACCOUNT_UPDATE, CREATE, JSON_BODY, UPDATE } from "./locations.js";

// Both path forms share each request body through components.requestBodies, so every
// request finding appears once per form.
const inBoth = (operations: string[], rule: string, where: string) =>
  operations.map((operation) => `${rule} @ ${operation} › ${JSON_BODY} › ${where}`);
const onUpdate = (rule: string, field: string) => inBoth([UPDATE, ACCOUNT_UPDATE], rule, `webhook.${field}`);
const onCreate = (rule: string, where: string) => inBoth([CREATE, ACCOUNT_CREATE], rule, where);

describe("request bodies", () => {
  it("flags a new required field", () => {
    const lines = breaksOf((spec) => {
      schemas(spec).UpdateWebhookRequest.properties.label = { type: "string" };
      schemas(spec).UpdateWebhookRequest.required = ["label"];
    });
    expect(lines).toEqual(onUpdate("property-became-required", "label"));
  });

  it("flags an existing field that became required, inside a oneOf member", () => {
    const lines = breaksOf((spec) => schemas(spec).CreateAuditLogWebhook.required.push("active"));
    expect(lines).toEqual(onCreate("property-became-required", "webhook<CreateAuditLogWebhook>.active"));
  });

  it("flags a removed accepted field", () => {
    const lines = breaksOf((spec) => delete schemas(spec).UpdateWebhookRequest.properties.active);
    expect(lines).toEqual(onUpdate("property-removed", "active"));
  });

  it("flags a narrowed enum", () => {
    const lines = breaksOf((spec) => {
      schemas(spec).SendingStream.enum = ["transactional"];
    });
    expect(lines).toContain(
      `enum-narrowed @ ${CREATE} › ${JSON_BODY} › webhook<CreateEmailSendingWebhook>.sending_stream`,
    );
  });

  it("passes a widened enum for writers (readers are checked in response.test.ts)", () => {
    const lines = breaksOf((spec) => schemas(spec).EventType.enum.push("complaint"));
    expect(lines.filter((line) => line.includes("request body"))).toEqual([]);
    expect(lines.length).toBeGreaterThan(0);
  });

  it("flags a narrowed type and passes a widened one", () => {
    const narrowed = breaksOf((spec) => {
      schemas(spec).UpdateWebhookRequest.properties.active.type = "string";
    });
    expect(narrowed).toEqual(onUpdate("type-changed", "active"));
    const widened = breaksOf((spec) => {
      schemas(spec).UpdateWebhookRequest.properties.active.type = ["boolean", "string"];
    });
    expect(widened).toEqual([]);
  });

  it("treats integer → number as widening", () => {
    const lines = breaksOf(
      (spec) => {
        schemas(spec).UpdateWebhookRequest.properties.priority = { type: "number" };
      },
      (spec) => {
        schemas(spec).UpdateWebhookRequest.properties.priority = { type: "integer" };
      },
    );
    expect(lines).toEqual([]);
  });

  it("flags a field that no longer accepts null", () => {
    const lines = breaksOf(
      () => {},
      (spec) => {
        schemas(spec).UpdateWebhookRequest.properties.active.type = ["boolean", "null"];
      },
    );
    // The released spec accepted null; the current one (the real spec) does not.
    expect(lines).toEqual(onUpdate("type-changed", "active"));
  });

  it("flags additionalProperties tightened to false", () => {
    const lines = breaksOf(
      () => {},
      (spec) => delete schemas(spec).UpdateWebhookRequest.additionalProperties,
    );
    expect(lines).toEqual(inBoth([UPDATE, ACCOUNT_UPDATE], "additional-properties-tightened", "webhook"));
  });

  it("flags a removed oneOf member and passes an added one", () => {
    const dropInbound: Edit = (spec) => {
      const union = schemas(spec).CreateWebhookRequest;
      union.oneOf.pop();
      delete union.discriminator.mapping.inbound_receiving;
    };
    expect(breaksOf(dropInbound)).toEqual(onCreate("variant-removed", "webhook"));
    expect(breaksOf(() => {}, dropInbound)).toEqual([]);
  });

  it("passes an added optional field", () => {
    const lines = breaksOf((spec) => {
      schemas(spec).UpdateWebhookRequest.properties.label = { type: "string" };
    });
    expect(lines).toEqual([]);
  });
});
