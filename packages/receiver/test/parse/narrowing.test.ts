// Compile-time proof (checked by `tsc --noEmit` over test/) that parsed events narrow.
// Each @ts-expect-error fails the typecheck if the line it guards ever compiles.

import { exampleEvents } from "@mailtrap-webhooks/spec";
import type { AuditLogEvent, InboundEvent, SendingEventOf } from "@mailtrap-webhooks/types";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type ParsedEvent, parseEvents, type UnknownEvent } from "../../src/parse.js";
import { serializeEvents } from "../../src/testing.js";
import { example } from "../spec.js";

function describeEvent(item: ParsedEvent): string {
  // @ts-expect-error: before `kind` is checked the event could be any kind.
  item.event.bounce_category;

  switch (item.kind) {
    case "sending": {
      const { event } = item;
      switch (event.event) {
        case "bounce":
        case "soft bounce": {
          const bounce: SendingEventOf<"bounce" | "soft bounce"> = event;
          return `${bounce.event}: ${event.bounce_category ?? "?"} (${event.response_code ?? 0})`;
        }
        case "click":
          return `click on ${event.url ?? "?"} from ${event.ip ?? "?"}`;
        case "delivery":
          // @ts-expect-error: a delivery has no bounce_category.
          event.bounce_category;
          return `delivered to ${event.email}`;
        case "suspension":
        case "reject":
          return `${event.event}: ${event.reason ?? "?"}`;
        default: {
          // @ts-expect-error: a name outside the spec's list is not a sending event.
          const impossible: typeof event.event = "hard_complaint";
          return `${event.event} ${impossible}`;
        }
      }
    }
    case "audit_log": {
      const audit: AuditLogEvent = item.event;
      return `${audit.actor.name}: ${audit.description}`;
    }
    case "inbound": {
      const inbound: InboundEvent = item.event;
      expectTypeOf(inbound.event).toEqualTypeOf<"inbound.message_received">();
      expectTypeOf(inbound.inbox_id).toEqualTypeOf<number | undefined>();
      // @ts-expect-error: a key the spec does not name is `unknown`; there is no typed recipient email.
      const recipient: string = inbound.email;
      return `inbound to inbox ${inbound.inbox_id ?? "?"} from ${inbound.from ?? "?"}${recipient ?? ""}`;
    }
    case "unknown": {
      const unknown: UnknownEvent = item.event;
      // @ts-expect-error: fields of an unknown kind are `unknown`, not assumed.
      const guessed: string = unknown.detail;
      return `unknown ${unknown.event} ${guessed}`;
    }
  }
}

describe("narrowing", () => {
  it("reaches each branch with the runtime values", () => {
    const [inbound] = exampleEvents("inbound");
    const events = [
      example("BounceEvent"),
      example("ClickEvent"),
      example("AuditLoginEvent"),
      inbound as InboundEvent,
    ];
    const parsed = parseEvents(serializeEvents(events, "jsonlines"), { format: "jsonlines" });
    expect(parsed.map(describeEvent)).toEqual([
      "bounce: bad_mailbox (550)",
      "click on https://example.com/articles/autumn?utm_source=newsletter from 203.0.113.24",
      "Jane Doe: Jane Doe logged in",
      "inbound to inbox 2231 from Jane Sender <jane@example.net>",
    ]);
  });
});
