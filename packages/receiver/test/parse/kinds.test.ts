// How an event's fields decide its kind when the spec promises little about them.
import { describe, expect, it } from "vitest";
import { parseEvents } from "../../src/parse.js";

const parseOne = (event: unknown) => parseEvents(JSON.stringify({ events: [event] }), { format: "json" });

describe("classification", () => {
  it("an audit event whose actor has no id or name is still an audit-log event", () => {
    // The spec requires `actor` but none of its fields.
    const event = {
      event: "activity_log.api_token.create",
      description: "An API token was created",
      actor: { type: "api_token" },
      timestamp: 1728672000,
    };
    expect(parseOne(event)).toEqual([{ kind: "audit_log", event }]);
    expect(parseOne({ ...event, actor: {} })).toEqual([
      { kind: "audit_log", event: { ...event, actor: {} } },
    ]);
  });

  it("a campaign event with a sending event's name and nothing else arrives as kind sending", () => {
    // For campaigns webhooks only `event` is promised; the other fields may be missing.
    expect(parseOne({ event: "open" })).toEqual([{ kind: "sending", event: { event: "open" } }]);
  });

  it("only the spec's inbound event name is inbound; a look-alike stays unknown", () => {
    expect(parseOne({ event: "inbound.message_received" })[0]?.kind).toBe("inbound");
    expect(parseOne({ event: "inbound.message_bounced", inbox_id: 1 })[0]?.kind).toBe("unknown");
  });
});
