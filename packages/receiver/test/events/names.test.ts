import {
  type EventType,
  eventTypeValues,
  type SendingEventName,
  sendingEventNameValues,
} from "@mailtrap-webhooks/types";
import { describe, expect, it } from "vitest";
import { isSendingEventName, toEventName, toEventType } from "../../src/events.js";

describe("payload names and management-API event types", () => {
  it("maps the two renamed kinds both ways", () => {
    expect(toEventType("spam")).toBe("spam_complaint");
    expect(toEventType("soft bounce")).toBe("soft_bounce");
    expect(toEventName("spam_complaint")).toBe("spam");
    expect(toEventName("soft_bounce")).toBe("soft bounce");
    expect(toEventType("bounce")).toBe("bounce");
  });

  it("is a bijection between the spec's two lists", () => {
    const types = sendingEventNameValues.map((name) => toEventType(name));
    expect([...types].sort()).toEqual([...eventTypeValues].sort());
    for (const name of sendingEventNameValues) expect(toEventName(toEventType(name))).toBe(name);
  });

  it("answers undefined for names it does not know", () => {
    expect(toEventType("spam_complaint")).toBeUndefined();
    expect(toEventName("spam")).toBeUndefined();
    expect(toEventType("hard_complaint")).toBeUndefined();
    expect(isSendingEventName("soft bounce")).toBe(true);
    expect(isSendingEventName("soft_bounce")).toBe(false);
  });

  it("is typed precisely", () => {
    const complaint: "spam_complaint" = toEventType("spam");
    const softBounce: "soft bounce" = toEventName("soft_bounce");
    // @ts-expect-error: "spam" maps to "spam_complaint", not to itself.
    const wrong: "spam" = toEventType("spam");
    const anyType: EventType | undefined = toEventType("something" as string);
    const anyName: SendingEventName | undefined = toEventName("something" as string);
    expect([complaint, softBounce, wrong, anyType, anyName]).toEqual([
      "spam_complaint",
      "soft bounce",
      "spam_complaint",
      undefined,
      undefined,
    ]);
  });
});
