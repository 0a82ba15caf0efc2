/**
 * Which webhook receives which events, as a pure function: an event goes to every active
 * webhook of the account whose type matches its kind (and, for sending and campaign events,
 * whose `event_types` include it, minding `spam` ↔ `spam_complaint` and `soft bounce` ↔
 * `soft_bounce`), in batches of at most 500, as Mailtrap sends them.
 */
import { toEventType } from "@mailtrap-webhooks/receiver";
import type { DeliveryKind } from "@mailtrap-webhooks/spec";
import type { WebhookEvent, WebhookType } from "@mailtrap-webhooks/types";
import type { SimulatedWebhook } from "./store.js";

/** Mailtrap's largest batch. */
export const maxBatchSize = 500;

export const webhookTypeOfKind: Record<DeliveryKind, WebhookType> = {
  sending: "email_sending",
  campaigns: "campaigns",
  audit_log: "audit_log",
  inbound: "inbound_receiving",
};

/** The delivery kind a webhook of `type` receives. */
export function kindOfType(type: WebhookType): DeliveryKind {
  const entry = Object.entries(webhookTypeOfKind).find(([, webhookType]) => webhookType === type);
  return (entry?.[0] ?? "sending") as DeliveryKind;
}

export interface Batch {
  webhookId: number;
  events: WebhookEvent[];
}

/**
 * The kind of an event when the caller names none: inbound and audit-log events tell by their
 * shape; anything else is a sending event (campaign events look the same, so name that kind).
 */
export function inferKind(event: WebhookEvent): DeliveryKind {
  const fields = event as Record<string, unknown>;
  if (fields.event === "inbound.message_received") return "inbound";
  if ("actor" in fields || "description" in fields) return "audit_log";
  return "sending";
}

function receives(webhook: SimulatedWebhook, event: WebhookEvent, kind: DeliveryKind): boolean {
  if (!webhook.active || webhook.webhook_type !== webhookTypeOfKind[kind]) return false;
  const fields = event as Record<string, unknown>;
  if (kind === "sending" || kind === "campaigns") {
    const type = typeof fields.event === "string" ? toEventType(fields.event) : undefined;
    if (type === undefined || !(webhook.event_types ?? []).includes(type)) return false;
  }
  // A webhook listens to one sending stream; an event that names another is not its.
  if (kind === "sending" && webhook.sending_stream && fields.sending_stream !== webhook.sending_stream) {
    return false;
  }
  if (kind === "inbound" && webhook.inbound_inbox_id != null && fields.inbox_id !== undefined) {
    return fields.inbox_id === webhook.inbound_inbox_id;
  }
  return true;
}

/** The batches to send for `events`, per webhook in the order given, events in the order given. */
export function fanOut(
  events: readonly WebhookEvent[],
  webhooks: readonly SimulatedWebhook[],
  kind?: DeliveryKind,
): Batch[] {
  const batches: Batch[] = [];
  for (const webhook of webhooks) {
    const matching = events.filter((event) => receives(webhook, event, kind ?? inferKind(event)));
    for (let start = 0; start < matching.length; start += maxBatchSize) {
      batches.push({ webhookId: webhook.id, events: matching.slice(start, start + maxBatchSize) });
    }
  }
  return batches;
}
