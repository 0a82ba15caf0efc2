// The factory and the five operations. Each method checks its arguments, takes its call in
// the client's path form (routes.ts), and hands it to the sender (request.ts) for timeouts
// and retries.
import type {
  CreatedWebhook,
  CreateWebhookRequest,
  paths,
  UpdateWebhookRequest,
  Webhook,
} from "@mailtrap-webhooks/types";
import openapiFetch, { type Client } from "openapi-fetch";
import { InvalidArgumentError } from "./errors.js";
import { createLog, type Logger, type LogLevel } from "./logger.js";
import { createSender, type RequestOptions } from "./request.js";
import { routesFor } from "./routes.js";
import {
  checkAccountId,
  checkBaseUrl,
  checkByteLimit,
  checkId,
  checkLogger,
  checkLogLevel,
  checkParams,
  checkRetries,
  checkTimeout,
  checkToken,
  checkUserAgent,
  describe,
} from "./validate.js";

/** This package's version, sent in the User-Agent. */
export const VERSION = "0.1.0";
export const DEFAULT_BASE_URL = "https://mailtrap.io";
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

export interface ClientOptions {
  /** A Mailtrap API token with access to the account. */
  apiToken: string;
  /**
   * The numeric id of the Mailtrap account. Leave it out to call `/api/webhooks`, where the
   * account is the token's; set it to call `/api/accounts/{accountId}/webhooks`, the form of
   * Mailtrap's older docs and its Node SDK 4.10. Both give the same results.
   */
  accountId?: number | undefined;
  /** Default `https://mailtrap.io`. */
  baseUrl?: string | undefined;
  /** `api-token` (default) sends `Api-Token: <token>`; `bearer` sends `Authorization: Bearer <token>`. */
  authScheme?: "api-token" | "bearer" | undefined;
  /** A fetch implementation; it receives a `Request`. Defaults to `globalThis.fetch`, looked up per call. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
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
   * How much to log: `"off"`, `"error"`, `"warn"` (default), `"info"` (failed attempts and
   * retry waits) or `"debug"` (every attempt). Lines never include headers or bodies.
   */
  logLevel?: LogLevel | undefined;
  /** Where log lines go. Default `console`. */
  logger?: Logger | undefined;
  /** Your app's name and version, e.g. `"billing-sync/1.4"`; sent before ours in the User-Agent. */
  userAgent?: string | undefined;
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
  /**
   * The underlying openapi-fetch client, with base URL, auth and User-Agent preset. It answers
   * `{ data, error, response }` and neither throws on error statuses nor retries. Both path
   * forms are typed, whichever form the methods use.
   */
  readonly raw: Client<paths>;
}

// openapi-fetch's CommonJS build sets `exports.default = createClient`, and Node-style interop
// (what our CJS build uses) hands us that whole exports object as the default import.
const createClient: typeof openapiFetch =
  typeof openapiFetch === "function"
    ? openapiFetch
    : (openapiFetch as { default: typeof openapiFetch }).default;

export function createWebhooksClient(options: ClientOptions): WebhooksClient {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("options", `options must be an object, got ${describe(options)}`);
  }
  const apiToken = checkToken(options.apiToken);
  const accountId = options.accountId === undefined ? undefined : checkAccountId(options.accountId);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const authScheme = options.authScheme ?? "api-token";
  if (authScheme !== "api-token" && authScheme !== "bearer") {
    throw new InvalidArgumentError(
      "authScheme",
      `authScheme must be "api-token" or "bearer", got ${describe(authScheme)}`,
    );
  }
  const customFetch = options.fetch;
  if (customFetch !== undefined && typeof customFetch !== "function") {
    throw new InvalidArgumentError("fetch", `fetch must be a function, got ${describe(customFetch)}`);
  }
  const userAgent = checkUserAgent(options.userAgent);
  const log = createLog(checkLogLevel(options.logLevel ?? "warn"), checkLogger(options.logger ?? console));
  const ours = `mailtrap-webhooks-client/${VERSION}`;
  // Looked up per call so fetch mocks installed after creation still apply.
  const fetch = (request: Request) => (customFetch ?? globalThis.fetch)(request);
  const raw = createClient<paths>({
    baseUrl,
    fetch,
    // A redirect to another host would carry the Api-Token header along; surface it instead.
    redirect: "manual",
    headers: {
      Accept: "application/json",
      "User-Agent": userAgent ? `${userAgent} ${ours}` : ours,
      ...(authScheme === "bearer" ? { Authorization: `Bearer ${apiToken}` } : { "Api-Token": apiToken }),
    },
  });
  const send = createSender({
    baseUrl,
    fetch,
    maxResponseBytes: checkByteLimit(
      "maxResponseBytes",
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    ),
    log,
    timeoutMs: checkTimeout("timeoutMs", options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    maxRetries: checkRetries("maxRetries", options.maxRetries ?? DEFAULT_MAX_RETRIES),
    secrets: [apiToken],
    pathForm: accountId === undefined ? "token" : "account",
  });
  const routes = routesFor(raw, accountId);

  return {
    raw,
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
