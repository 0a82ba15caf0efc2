// Compile-time tests: `pnpm typecheck` fails if a wrong payload compiles
// (each @ts-expect-error must meet an error) or a right one does not.
import type {
  AuditLogEvent,
  CreatedWebhook,
  CreateWebhookRequest,
  InboundEvent,
  ResponseBody,
  SendingEvent,
  SendingEventOf,
  UpdateWebhookRequest,
  Webhook,
  WebhookEvent,
} from "../src/index.js";

// ── Create: one shape per webhook_type ────────────────────────────────────────
export const emailSending: CreateWebhookRequest = {
  url: "https://example.com/hooks",
  webhook_type: "email_sending",
  sending_stream: "transactional",
  event_types: ["delivery", "bounce"],
};
export const campaigns: CreateWebhookRequest = {
  url: "https://example.com/hooks",
  webhook_type: "campaigns",
  event_types: ["open"],
  domain_id: 3,
};
// All domains: leave domain_id out. No source says create accepts null, so the spec does not.
export const allDomains: CreateWebhookRequest = {
  url: "https://example.com/hooks",
  webhook_type: "email_sending",
  sending_stream: "bulk",
  event_types: ["click"],
};
export const nullDomain: CreateWebhookRequest = {
  url: "https://example.com/hooks",
  webhook_type: "campaigns",
  event_types: ["click"],
  // @ts-expect-error domain_id is a number or left out on create, never null
  domain_id: null,
};
export const auditLog: CreateWebhookRequest = { url: "https://example.com/a", webhook_type: "audit_log" };
export const inbound: CreateWebhookRequest = {
  url: "https://example.com/i",
  webhook_type: "inbound_receiving",
  inbound_inbox_id: 9,
  payload_format: "jsonlines",
  active: false,
};

// @ts-expect-error email_sending needs sending_stream
export const noStream: CreateWebhookRequest = {
  url: "https://example.com/hooks",
  webhook_type: "email_sending",
  event_types: ["delivery"],
};
// @ts-expect-error email_sending needs event_types
export const noEvents: CreateWebhookRequest = {
  url: "https://example.com/hooks",
  webhook_type: "email_sending",
  sending_stream: "bulk",
};
// @ts-expect-error campaigns needs event_types
export const campaignsNoEvents: CreateWebhookRequest = {
  url: "https://example.com/c",
  webhook_type: "campaigns",
};
// @ts-expect-error inbound_receiving needs inbound_inbox_id
export const inboundNoInbox: CreateWebhookRequest = {
  url: "https://example.com/i",
  webhook_type: "inbound_receiving",
};
export const inboxOnSending: CreateWebhookRequest = {
  url: "https://example.com/hooks",
  webhook_type: "email_sending",
  sending_stream: "bulk",
  event_types: ["open"],
  // @ts-expect-error inbound_inbox_id belongs to inbound_receiving only
  inbound_inbox_id: 4,
};
export const streamOnAudit: CreateWebhookRequest = {
  url: "https://example.com/a",
  webhook_type: "audit_log",
  // @ts-expect-error sending_stream belongs to email_sending only
  sending_stream: "bulk",
};
export const unknownType: CreateWebhookRequest = {
  url: "https://example.com/a",
  // @ts-expect-error not a webhook_type
  webhook_type: "sms",
};
export const payloadName: CreateWebhookRequest = {
  url: "https://example.com/hooks",
  webhook_type: "email_sending",
  sending_stream: "bulk",
  // @ts-expect-error the management API says spam_complaint, not the payload's "spam"
  event_types: ["spam"],
};

// ── Update: only the mutable fields ──────────────────────────────────────────
export const pause: UpdateWebhookRequest = { active: false };
// @ts-expect-error webhook_type is fixed at creation
export const changeType: UpdateWebhookRequest = { webhook_type: "campaigns" };
// @ts-expect-error sending_stream is fixed at creation
export const changeStream: UpdateWebhookRequest = { sending_stream: "bulk" };
// @ts-expect-error domain_id is fixed at creation
export const changeDomain: UpdateWebhookRequest = { domain_id: 1 };

// ── signing_secret only on the create response ────────────────────────────────
declare const created: CreatedWebhook;
declare const fetched: Webhook;
export const secret: string = created.signing_secret;
// @ts-expect-error get/list/update/delete never return the secret
export const noSecret = fetched.signing_secret;

// ── Webhook: five fields always there, the rest only where the type has them ──
// An audit_log webhook as Mailtrap answers it: none of the optional fields.
export const auditOnly: Webhook = {
  id: 8129,
  url: "https://example.com/hooks/audit",
  active: true,
  webhook_type: "audit_log",
  payload_format: "json",
};
export const createdAudit: CreatedWebhook = { ...auditOnly, signing_secret: "s" };
// @ts-expect-error create always answers the secret: it is required, not optional
export const createdWithoutSecret: CreatedWebhook = { ...auditOnly };
// @ts-expect-error payload_format is one of the five fields every webhook has
export const noFormat: Webhook = { id: 1, url: "https://x.test", active: true, webhook_type: "audit_log" };

// Absent (undefined) or null: code must check before use.
export const maybeStream: "transactional" | "bulk" | null | undefined = fetched.sending_stream;
// @ts-expect-error event_types is absent on audit_log and inbound webhooks
export const bouncesUnchecked: boolean = fetched.event_types.includes("bounce");
// @ts-expect-error sending_stream is absent or null except on email_sending webhooks
export const streamLengthUnchecked: number = fetched.sending_stream.length;
// @ts-expect-error domain_id may be null (all domains) or absent
export const domainUnchecked: number = fetched.domain_id;
export const bounces: boolean = fetched.event_types?.includes("bounce") ?? false;
if (fetched.event_types) {
  const subscribed: boolean = fetched.event_types.includes("bounce");
  void subscribed;
}
if (fetched.sending_stream) {
  const length: number = fetched.sending_stream.length;
  void length;
}
if (fetched.inbound_inbox_id != null) {
  const inbox: number = fetched.inbound_inbox_id;
  void inbox;
}

// ── Error bodies by operation and status ─────────────────────────────────────
declare const notFound: ResponseBody<"getWebhook", 404>;
export const notFoundMessage: string = notFound.error;
declare const invalid: ResponseBody<"createWebhook", 422>;
export const urlMessages: string[] | undefined = invalid.errors.url;
// @ts-expect-error list never answers 404
export type ListNotFound = ResponseBody<"listWebhooks", 404>;

// ── Events: discriminated on `event` ──────────────────────────────────────────
declare const sending: SendingEvent;
if (sending.event === "bounce") {
  const code: number | undefined = sending.response_code;
  void code;
}
if (sending.event === "click") {
  const link: string | undefined = sending.url;
  void link;
}
if (sending.event === "delivery") {
  // @ts-expect-error a delivery has no url
  void sending.url;
}
export const softBounce: SendingEventOf<"soft bounce">["event"] = "soft bounce";
// @ts-expect-error payloads spell it "soft bounce", not soft_bounce
export type NotAnEvent = SendingEventOf<"soft_bounce">;
// @ts-expect-error sending events need event_id and the other required fields
export const partial: SendingEvent = { event: "delivery", email: "a@example.com" };

declare const audit: AuditLogEvent;
export const auditWhen: number = audit.timestamp;
// No source promises the actor's inner fields.
export const actorKind: "user" | "api_token" | undefined = audit.actor.type;
// @ts-expect-error actor.type may be absent
export const actorKindUnchecked: "user" | "api_token" = audit.actor.type;
declare const any: WebhookEvent;
// Inbound events document their timestamp only in prose, so it is optional there.
export const when: number | undefined = any.timestamp;

// ── Inbound: no key but `event` is published, so keys the spec does not name stay readable ──
export const inboundExtraKey = (event: InboundEvent): unknown => event.sender_email;
export const inboundInbox = (event: InboundEvent): number | undefined => event.inbox_id;
// @ts-expect-error a named key keeps its type
export const inboundInboxText = (event: InboundEvent): string | undefined => event.inbox_id;
