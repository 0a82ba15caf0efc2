import { sendingEventNameValues } from "@mailtrap-webhooks/types";
import { describe, expect, it } from "vitest";
import { parseEvents } from "../../src/parse.js";
import { serializeEvents } from "../../src/testing.js";
import { batchExamples, example, singleAuditExamples, singleSendingExamples, specExamples } from "../spec.js";

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

  it.each(batchExamples)("the %s batch parses from its JSON body", (name) => {
    const batch = specExamples()[name] as { events: unknown[] };
    const parsed = parseEvents(JSON.stringify(batch, null, 2), {
      contentType: "application/json; charset=utf-8",
    });
    expect(parsed.map((item) => item.event)).toEqual(batch.events);
    const kind = name === "SendingEventBatch" ? "sending" : "audit_log";
    expect(parsed.every((item) => item.kind === kind)).toBe(true);
  });
});
