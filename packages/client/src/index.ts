// @mailtrap-webhooks/client: manage Mailtrap webhooks with typed errors, retries and timeouts.

// The shapes users handle most, straight from the generated types (not redeclared here).
export type {
  CreatedWebhook,
  CreateWebhookRequest,
  UpdateWebhookRequest,
  Webhook,
} from "@mailtrap-webhooks/types";
export {
  type ClientOptions,
  createWebhooksClient,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type UpdateWebhookParams,
  VERSION,
  type WebhooksClient,
} from "./client.js";
export type { ConnectionOptions, Fetch } from "./connection.js";
export {
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  InvalidArgumentError,
  InvalidResponseError,
  MailtrapWebhooksError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  TimeoutError,
  UnexpectedStatusError,
  UserAbortError,
  ValidationError,
  WebhooksApiError,
} from "./errors.js";
export type { Logger, LogLevel } from "./logger.js";
export { DEFAULT_RATE_LIMIT, type RateLimit } from "./rate-limit.js";
export type { RequestOptions } from "./request.js";
export { type DelayInput, type RetryInput, retryDelay, shouldRetry } from "./retry.js";
