// Types for Mailtrap's Webhooks API, generated from the spec (@mailtrap-webhooks/spec).
//
// `./generated` is internal: this file picks the names users need from it and names a few
// combinations of them. Everything describing a shape comes from the spec.
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

// A curated list: the spec's schemas by name (management shapes, error bodies, delivered
// events and their batches) and the openapi-typescript roots (`paths`, `operations`, ...) for
// openapi-fetch. Generator helpers stay internal.
export type {
  AuditLogActor,
  AuditLogChange,
  AuditLogEvent,
  AuditLogEventBatch,
  AuditLogResource,
  BounceEvent,
  BounceFields,
  CampaignEvent,
  CampaignEventBatch,
  ClickEvent,
  CreateAuditLogWebhook,
  CreateCampaignsWebhook,
  CreatedWebhook,
  CreatedWebhookResponse,
  CreateEmailSendingWebhook,
  CreateInboundReceivingWebhook,
  CreateWebhookRequest,
  CreateWebhookRequestBody,
  CustomVariables,
  components,
  DeliveryEvent,
  DomainId,
  EngagementFields,
  EventId,
  EventTimestamp,
  EventType,
  EventTypes,
  ForbiddenErrorBody,
  InboundEvent,
  InboundEventBatch,
  InboundInboxId,
  MessageCategory,
  MessageId,
  NotFoundErrorBody,
  OpenEvent,
  operations,
  PayloadFormat,
  paths,
  RateLimitErrorBody,
  ReasonFields,
  RecipientEmail,
  RejectEvent,
  SendingDomainName,
  SendingEvent,
  SendingEventBatch,
  SendingEventFields,
  SendingEventName,
  SendingStream,
  SigningSecret,
  SoftBounceEvent,
  SpamEvent,
  SuspensionEvent,
  UnauthorizedErrorBody,
  UnsubscribeEvent,
  UpdateWebhookRequest,
  UpdateWebhookRequestBody,
  ValidationErrorBody,
  Webhook,
  WebhookId,
  WebhookListResponse,
  WebhookResponse,
  WebhookType,
  WebhookUrl,
  webhooks,
} from "./generated/openapi.js";

// Run-time values from the spec: its enums, and the fields every answer must carry.
export {
  eventTypeValues,
  payloadFormatValues,
  requiredFields,
  sendingEventNameValues,
  sendingStreamValues,
  webhookTypeValues,
} from "./generated/openapi.js";

/** Any event Mailtrap delivers to a webhook: a sending, campaign, audit-log or inbound event. */
export type WebhookEvent = SendingEvent | CampaignEvent | AuditLogEvent | InboundEvent;

/** The sending event whose `event` is `Name`, e.g. `SendingEventOf<"bounce">` is `BounceEvent`. */
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
