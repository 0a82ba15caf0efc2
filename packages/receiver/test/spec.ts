import { exampleValue } from "@mailtrap-webhooks/spec";
import type { WebhookEvent } from "@mailtrap-webhooks/types";

export const singleSendingExamples = [
  "DeliveryEvent",
  "OpenEvent",
  "ClickEvent",
  "UnsubscribeEvent",
  "SpamEvent",
  "SoftBounceEvent",
  "BounceEvent",
  "SuspensionEvent",
  "RejectEvent",
] as const;
export const singleAuditExamples = ["AuditLoginEvent", "AuditChangeEvent"] as const;

/** The spec's example event `name` (`components.examples`), a fresh copy per call. */
export function example(name: string): WebhookEvent {
  return exampleValue(name) as WebhookEvent;
}
