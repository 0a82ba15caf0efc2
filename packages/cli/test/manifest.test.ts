import { describe, expect, it } from "vitest";
import { ManifestError, parseManifest } from "../src/manifest.js";

function problems(text: string) {
  try {
    parseManifest(text, "webhooks.yaml");
  } catch (error) {
    if (error instanceof ManifestError)
      return error.problems.map((p) => `${p.line} ${p.field}: ${p.message}`);
    throw error;
  }
  return [];
}

describe("the webhooks file", () => {
  it("accepts the API's create fields, in YAML or JSON", () => {
    const yaml = "webhooks:\n  - url: https://example.com/h\n    webhook_type: audit_log\n";
    expect(parseManifest(yaml).webhooks).toEqual([
      { url: "https://example.com/h", webhook_type: "audit_log" },
    ]);
    const json = JSON.stringify({ webhooks: [{ url: "https://example.com/h", webhook_type: "audit_log" }] });
    expect(parseManifest(json).webhooks).toHaveLength(1);
  });

  it("names the line and field of every problem, checked against the spec's schema per type", () => {
    const text = [
      "webhooks:",
      "  - url: https://example.com/a",
      "    webhook_type: email_sending",
      "    event_types: [delivery, spam]",
      "    inbound_inbox_id: 3",
      "  - url: https://example.com/b",
      "    webhook_type: nope",
      "  - webhook_type: audit_log",
      "    payload_format: xml",
    ].join("\n");
    expect(problems(text)).toEqual([
      "2 webhooks[0].sending_stream: is required for email_sending webhooks",
      "4 webhooks[0].event_types[1]: must be one of delivery, soft_bounce, bounce, suspension, unsubscribe, open, spam_complaint, click, reject",
      "5 webhooks[0].inbound_inbox_id: is not a field of email_sending webhooks",
      "7 webhooks[1].webhook_type: must be one of email_sending, campaigns, audit_log, inbound_receiving",
      "8 webhooks[2].url: is required for audit_log webhooks",
      "9 webhooks[2].payload_format: must be one of json, jsonlines",
    ]);
  });

  it("refuses a file without a webhooks list, unknown keys, bad syntax and duplicates", () => {
    expect(problems("hooks: []")).toEqual(["1 webhooks: the file needs a top-level `webhooks:` list"]);
    expect(problems("webhooks: []\nextra: 1")).toEqual(["2 extra: is not a known key"]);
    expect(problems("webhooks: [\n")[0]).toMatch(/^\d+ syntax: /);
    const twice =
      "webhooks:\n  - {url: 'https://e.com/a', webhook_type: audit_log}\n  - {url: 'https://e.com/a', webhook_type: audit_log, active: false}\n";
    expect(problems(twice)).toEqual([
      "3 webhooks[1]: declares the same webhook as webhooks[0] (same url, type and fixed fields)",
    ]);
  });
});
