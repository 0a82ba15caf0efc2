/**
 * Receive Mailtrap webhook deliveries: verify the signature over the raw body, parse
 * JSON or JSON Lines into typed events, and answer with the status Mailtrap expects.
 * Runtime-neutral (Fetch API, Web Crypto); the node:http adapter is in "./node".
 */

export { InvalidArgumentError, WebhookReceiverError } from "./errors.js";
export {
  type EventNameFor,
  type EventTypeFor,
  isSendingEventName,
  toEventName,
  toEventType,
} from "./events.js";
export {
  createWebhookHandler,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  type DeliveryContext,
  type WebhookHandlerOptions,
} from "./handler.js";
export {
  formatFromContentType,
  type ParsedEvent,
  type ParseOptions,
  parseEvents,
  type UnknownEvent,
  WebhookParseError,
} from "./parse.js";
export { createTestDelivery, serializeEvents, signPayload, type TestDeliveryOptions } from "./testing.js";
export { type RawBody, type SigningSecrets, verifySignature } from "./verify.js";
