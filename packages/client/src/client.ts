// The factory and the five operations. Each method checks its arguments, takes its call in
// the client's path form (routes.ts), and hands it to the sender (request.ts) for timeouts
// and retries.
import type {
  CreatedWebhook,
  CreateWebhookRequest,
  UpdateWebhookRequest,
  Webhook,
} from "@mailtrap-webhooks/types";
import { type ConnectionOptions, connect } from "./connection.js";
import { createLog, type Logger, type LogLevel } from "./logger.js";
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from "./rate-limit.js";
import { createSender, type RequestOptions } from "./request.js";
import { routesFor } from "./routes.js";
import {
  checkAccountId,
  checkByteLimit,
  checkId,
  checkLogger,
  checkLogLevel,
  checkParams,
  checkRateLimit,
  checkRetries,
  checkTimeout,
} from "./validate.js";

export { DEFAULT_BASE_URL, VERSION } from "./connection.js";
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
/** 4 MiB: thousands of webhooks. A larger answer is refused before it fills memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * The fields to change on a webhook, at least one of them: `update(id, {})` does not compile.
 * Which fields may change is the spec's `UpdateWebhookRequest`.
 */
export type UpdateWebhookParams = {
  [Field in keyof UpdateWebhookRequest]-?: Required<Pick<UpdateWebhookRequest, Field>> & UpdateWebhookRequest;
}[keyof UpdateWebhookRequest];

export interface ClientOptions extends ConnectionOptions {
  /**
   * The numeric id of the Mailtrap account. Leave it out to call `/api/webhooks`, where the
   * account is the token's; set it to call `/api/accounts/{accountId}/webhooks`, the form of
   * Mailtrap's older docs and its Node SDK 4.10. Both give the same results.
   */
  accountId?: number | undefined;
  /** Milliseconds each attempt may take, body included. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt, 0 to 10. Default 2. */
  maxRetries?: number | undefined;
  /**
   * The most bytes of a response body read, error bodies included; past it the call fails with
   * a ResponseTooLargeError and the rest is not read. Default 4 MiB.
   */
  maxResponseBytes?: number | undefined;
  /**
   * How much to log: `"off"`, `"error"`, `"warn"` (default), `"info"` (failed attempts, retry
   * waits and rate-limit waits) or `"debug"` (every attempt). Lines never include headers or bodies.
   */
  logLevel?: LogLevel | undefined;
  /** Where log lines go. Default `console`. */
  logger?: Logger | undefined;
  /**
   * At most `requests` calls in any `perMs` ms, counted per API token across every client of
   * that token in this process; a call over it waits for a free slot (logged at `info`).
   * Retries count too. Default Mailtrap's limit, `{ requests: 150, perMs: 10_000 }`; `false`
   * turns it off.
   */
  rateLimit?: RateLimit | false | undefined;
}

export interface WebhooksClient {
  /** Every webhook of the account (signing secrets are never included). */
  list(options?: RequestOptions): Promise<Webhook[]>;
  /** Creates a webhook. The result is the only place its `signing_secret` is ever returned. */
  create(params: CreateWebhookRequest, options?: RequestOptions): Promise<CreatedWebhook>;
  /** One webhook by id. */
  get(webhookId: number, options?: RequestOptions): Promise<Webhook>;
  /** Changes the fields given in `params` (at least one); the others keep their values. */
  update(webhookId: number, params: UpdateWebhookParams, options?: RequestOptions): Promise<Webhook>;
  /** Deletes a webhook and returns it as it was. */
  delete(webhookId: number, options?: RequestOptions): Promise<Webhook>;
}

export function createWebhooksClient(options: ClientOptions): WebhooksClient {
  const connection = connect(options);
  const accountId = options.accountId === undefined ? undefined : checkAccountId(options.accountId);
  const rateLimit = checkRateLimit(options.rateLimit);
  const send = createSender({
    ...connection,
    maxResponseBytes: checkByteLimit(
      "maxResponseBytes",
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    ),
    log: createLog(checkLogLevel(options.logLevel ?? "warn"), checkLogger(options.logger ?? console)),
    timeoutMs: checkTimeout("timeoutMs", options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    maxRetries: checkRetries("maxRetries", options.maxRetries ?? DEFAULT_MAX_RETRIES),
    pathForm: accountId === undefined ? "token" : "account",
    rateLimiter:
      rateLimit === false
        ? undefined
        : createRateLimiter(connection.apiToken, rateLimit ?? DEFAULT_RATE_LIMIT),
  });
  const routes = routesFor(accountId);

  return {
    async list(opts) {
      return send(routes.list(), opts);
    },
    async create(params, opts) {
      checkParams("params", params);
      return send(routes.create(params), opts);
    },
    async get(webhookId, opts) {
      return send(routes.get(checkId("webhookId", webhookId)), opts);
    },
    async update(webhookId, params, opts) {
      const id = checkId("webhookId", webhookId);
      checkParams("params", params, { nonEmpty: true });
      return send(routes.update(id, params), opts);
    },
    async delete(webhookId, opts) {
      return send(routes.delete(checkId("webhookId", webhookId)), opts);
    },
  };
}
