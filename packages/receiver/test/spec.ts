import { readFileSync } from "node:fs";
import type { WebhookEvent } from "@mailtrap-webhooks/types";
import { parse } from "yaml";

interface Spec {
  components: { examples: Record<string, { value: unknown }> };
}

let cached: Record<string, unknown> | undefined;

/** `components.examples` of the repository's spec, by name. */
export function specExamples(): Record<string, unknown> {
  if (cached) return cached;
  const text = readFileSync(new URL("../../../spec/mailtrap-webhooks.openapi.yaml", import.meta.url), "utf8");
  const spec = parse(text) as Spec;
  return Object.fromEntries(
    Object.entries(spec.components.examples).map(([name, { value }]) => [name, value]),
  );
}

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
export const batchExamples = ["SendingEventBatch", "AuditLogEventBatch"] as const;

export function example(name: string): WebhookEvent {
  const value = specExamples()[name];
  if (value === undefined) throw new Error(`The spec has no example ${name}`);
  return value as WebhookEvent;
}
