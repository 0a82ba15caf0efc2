// What the SDK user reads from API responses: fields must stay, stay required, stay non-null.
import { describe, expect, it } from "vitest";
import { breaksOf, schemas } from "../scratch.js";
import { ACCOUNT_LIST, LIST, OK_JSON, OPERATIONS } from "./locations.js";

const listField = (field: string) => `${LIST} › ${OK_JSON} › data[].${field}`;

describe("responses", () => {
  it("flags a removed response field in every operation that returns it", () => {
    const lines = breaksOf((spec) => {
      const webhook = schemas(spec).Webhook;
      delete webhook.properties.url;
      webhook.required = webhook.required.filter((name: string) => name !== "url");
    });
    // Every operation of both path forms answers webhooks, through $ref'd responses.
    const data = (operation: string) => ([LIST, ACCOUNT_LIST].includes(operation) ? "data[]" : "data");
    expect(lines).toEqual(
      OPERATIONS.map((operation) => `property-removed @ ${operation} › ${OK_JSON} › ${data(operation)}.url`),
    );
  });

  it("flags a field that became optional", () => {
    const lines = breaksOf((spec) => {
      const webhook = schemas(spec).Webhook;
      webhook.required = webhook.required.filter((name: string) => name !== "active");
    });
    expect(lines).toContain(`property-became-optional @ ${listField("active")}`);
    expect(lines).toHaveLength(OPERATIONS.length);
  });

  it("flags a field that became nullable, by type list or by a oneOf with null", () => {
    const byType = breaksOf((spec) => {
      schemas(spec).Webhook.properties.active.type = ["boolean", "null"];
    });
    expect(byType).toContain(`became-nullable @ ${listField("active")}`);
    const byOneOf = breaksOf((spec) => {
      schemas(spec).Webhook.properties.url = {
        oneOf: [{ $ref: "#/components/schemas/WebhookUrl" }, { type: "null" }],
      };
    });
    expect(byOneOf.filter((line) => line.includes(`${LIST} ›`))).toEqual([
      `became-nullable @ ${listField("url")}`,
    ]);
  });

  it("flags a widened type and passes a narrowed one", () => {
    const widened = breaksOf((spec) => {
      schemas(spec).Webhook.properties.active.type = ["boolean", "string"];
    });
    expect(widened).toContain(`type-changed @ ${listField("active")}`);
    const narrowed = breaksOf(
      () => {},
      (spec) => {
        schemas(spec).Webhook.properties.active.type = ["boolean", "string"];
      },
    );
    expect(narrowed).toEqual([]);
  });

  it("flags a widened enum for readers only", () => {
    const lines = breaksOf((spec) => schemas(spec).PayloadFormat.enum.push("xml"));
    expect(lines).toContain(`enum-widened @ ${listField("payload_format")}`);
    expect(lines.filter((line) => line.includes("request body"))).toEqual([]);
  });

  it("flags a narrowed enum for readers (code comparing with the value stops compiling)", () => {
    const lines = breaksOf((spec) => {
      schemas(spec).WebhookType.enum = ["email_sending", "campaigns", "inbound_receiving"];
    });
    expect(lines).toContain(`enum-narrowed @ ${listField("webhook_type")}`);
  });

  it("passes an added optional field", () => {
    const lines = breaksOf((spec) => {
      schemas(spec).Webhook.properties.created_at = { type: "string", format: "date-time" };
    });
    expect(lines).toEqual([]);
  });
});
