/**
 * Types for Mailtrap's Webhooks API, generated from the spec (@mailtrap-webhooks/spec).
 *
 * Everything below `./generated` comes from the spec; this file only names
 * combinations of generated types that users reach for often.
 */
import type {
  AuditLogEvent,
  CampaignEvent,
  ForbiddenErrorBody,
  InboundEvent,
  NotFoundErrorBody,
  operations,
  RateLimitErrorBody,
  SendingEvent,
  SendingEventName,
  UnauthorizedErrorBody,
  ValidationErrorBody,
} from "./generated/openapi.js";

export * from "./generated/openapi.js";

/** Any event Mailtrap delivers to a webhook: a sending, campaign, audit-log or inbound event. */
export type WebhookEvent = SendingEvent | CampaignEvent | AuditLogEvent | InboundEvent;

/** The sending event whose `event` is `Name`, e.g. `SendingEventOf<"bounce">`. */
export type SendingEventOf<Name extends SendingEventName> = Extract<SendingEvent, { event: Name }>;

/** Any error body the management API answers with (401, 403, 404, 422, 429). */
export type ApiErrorBody =
  | UnauthorizedErrorBody
  | ForbiddenErrorBody
  | NotFoundErrorBody
  | ValidationErrorBody
  | RateLimitErrorBody;

/** The management operations, by `operationId` (delivery operations are `receive*`; the spec lint enforces it). */
export type OperationId = Exclude<keyof operations, `receive${string}`>;

type JsonContent<R> = R extends { content: { "application/json": infer Body } } ? Body : never;

/** The JSON body `Op` answers with for `Status`, e.g. `ResponseBody<"getWebhook", 404>`. */
export type ResponseBody<
  Op extends OperationId,
  Status extends keyof operations[Op]["responses"],
> = JsonContent<operations[Op]["responses"][Status]>;

/** The JSON body `Op` sends, envelope included: `RequestBody<"createWebhook">` is `{ webhook: ... }`. */
export type RequestBody<Op extends OperationId> = operations[Op] extends {
  requestBody: { content: { "application/json": infer Body } };
}
  ? Body
  : never;
