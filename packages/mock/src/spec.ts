/**
 * The spec this mock serves and its example events, from `@mailtrap-webhooks/spec`. Kept
 * free of Prism, so reading the examples loads no server.
 */
import { type DeliveryKind, exampleEvents as specExampleEvents } from "@mailtrap-webhooks/spec";
import type {
  AuditLogEvent,
  CampaignEvent,
  InboundEvent,
  SendingEvent,
  WebhookEvent,
} from "@mailtrap-webhooks/types";

export { type DeliveryKind, specPath } from "@mailtrap-webhooks/spec";

/**
 * The example events the spec gives for one kind of delivery, in document order, as fresh
 * copies: what an `email_sending` (`sending`), `campaigns`, `audit_log` or `inbound_receiving`
 * (`inbound`) webhook receives. These are what `deliverTestEvents` sends by default.
 */
export function exampleEvents(kind: "sending"): SendingEvent[];
export function exampleEvents(kind: "campaigns"): CampaignEvent[];
export function exampleEvents(kind: "audit_log"): AuditLogEvent[];
export function exampleEvents(kind: "inbound"): InboundEvent[];
export function exampleEvents(kind: DeliveryKind): WebhookEvent[];
export function exampleEvents(kind: DeliveryKind): WebhookEvent[] {
  // The spec's linters check each example against its schema, so the cast holds.
  return specExampleEvents(kind) as WebhookEvent[];
}
