import { ValidationError } from "@mailtrap-webhooks/client";
import { describe, expect, it } from "vitest";
import { mockClient } from "./support/client.js";

interface Violation {
  location: string[];
  message: string;
}

// Values the types accept (a string is a string) but the API rejects reach the mock,
// which validates them against the spec and answers 422.
describe("invalid requests the types cannot stop", () => {
  it("a malformed URL string comes back as a ValidationError naming the field", async () => {
    const { client, seen } = mockClient({ maxRetries: 0 });
    const error = await client
      .create({ url: "not a url", webhook_type: "audit_log" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const validation = error as ValidationError;
    expect(validation.status).toBe(422);
    expect(validation.fields.url?.length).toBeGreaterThan(0);
    const violations = JSON.parse(validation.headers?.get("sl-violations") ?? "[]") as Violation[];
    expect(violations.some((v) => v.location.join(".") === "request.body.webhook.url")).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it("an empty event list is rejected on update", async () => {
    const { client } = mockClient({ maxRetries: 0 });
    const error = await client.update(8127, { event_types: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const violations = JSON.parse(
      (error as ValidationError).headers?.get("sl-violations") ?? "[]",
    ) as Violation[];
    expect(violations.some((v) => v.location.includes("event_types"))).toBe(true);
  });

  it("a create is never retried after a 422", async () => {
    const { client, seen } = mockClient({ maxRetries: 2 });
    await expect(client.create({ url: "not a url", webhook_type: "audit_log" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(seen).toHaveLength(1);
  });
});

describe("values the facts allow reach the server intact", () => {
  it("a campaigns webhook without domain_id (all domains) is accepted on create", async () => {
    const { client, seen } = mockClient({ maxRetries: 0 });
    const webhook = await client.create({
      url: "https://example.com/hooks",
      webhook_type: "campaigns",
      event_types: ["open"],
    });
    expect(webhook.signing_secret).toMatch(/^[0-9a-f]{32}$/);
    expect(seen).toHaveLength(1);
  });
});
