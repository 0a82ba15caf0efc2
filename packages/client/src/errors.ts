// Every error the client throws, and the one table that maps an HTTP status to its class.
//
// Messages are built only from the status, the server's short error text and our own
// advice. They never include request headers, so the API token cannot reach a log through
// them, and server text is scrubbed of the token and of anything shaped like a secret.
import type { ValidationErrorBody } from "@mailtrap-webhooks/types";
import type { PathForm } from "./operations.js";
import { retryAfterSeconds } from "./retry-after.js";

/** Root of everything this package throws, including bad arguments. */
export class MailtrapWebhooksError extends Error {
  override name = "MailtrapWebhooksError";
}

/**
 * An argument failed the checks that run before any request is sent, or the `fetch` option
 * resolved to something that is not a Response.
 */
export class InvalidArgumentError extends MailtrapWebhooksError {
  override name = "InvalidArgumentError";
  /** The option or parameter that was wrong, e.g. `webhookId`. */
  readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.field = field;
  }
}

export interface ApiErrorInit {
  status?: number | undefined;
  headers?: Headers | undefined;
  body?: unknown;
  cause?: unknown;
}

/** A request that did not end in a usable success: an error status, a bad body, or no answer. */
export class WebhooksApiError extends MailtrapWebhooksError {
  override name = "WebhooksApiError";
  /** The HTTP status, or undefined when no response arrived (connection, timeout, abort). */
  readonly status: number | undefined;
  /** The response headers, when a response arrived. */
  readonly headers: Headers | undefined;
  /** The parsed error body (JSON when the server sent JSON, else its text). */
  readonly body: unknown;
  /** The server's request id (`x-request-id`), worth quoting to Mailtrap support. */
  readonly requestId: string | undefined;

  constructor(message: string, init: ApiErrorInit = {}) {
    const requestId = init.headers?.get("x-request-id") ?? init.headers?.get("request-id") ?? undefined;
    super(requestId ? `${message} (request id ${requestId})` : message, { cause: init.cause });
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.body;
    this.requestId = requestId;
  }
}

/** 401: the token is missing, wrong or revoked. */
export class AuthenticationError extends WebhooksApiError {
  override name = "AuthenticationError";
}

/** 403: the token is valid but may not manage these webhooks (or, with accountId, use that account). */
export class PermissionDeniedError extends WebhooksApiError {
  override name = "PermissionDeniedError";
}

/** 404: no webhook with this id in the account, or (on list and create) a wrong baseUrl or accountId. */
export class NotFoundError extends WebhooksApiError {
  override name = "NotFoundError";
}

/**
 * 422: the server rejected some fields; `fields` maps each field to its messages. Messages
 * about no one field (and a bare list of messages) are under `base`.
 */
export class ValidationError extends WebhooksApiError {
  override name = "ValidationError";
  readonly fields: ValidationErrorBody["errors"];

  constructor(message: string, init: ApiErrorInit) {
    super(message, init);
    this.fields = fieldMessages(init.body);
  }
}

/** 429: too many requests. `retryAfter` is the server's wait in seconds, when it sent one. */
export class RateLimitError extends WebhooksApiError {
  override name = "RateLimitError";
  readonly retryAfter: number | undefined;

  constructor(message: string, init: ApiErrorInit) {
    super(message, init);
    this.retryAfter = retryAfterSeconds(init.headers?.get("retry-after"));
  }
}

/** 5xx: Mailtrap failed; usually temporary. */
export class InternalServerError extends WebhooksApiError {
  override name = "InternalServerError";
}

/** Any other non-success status (e.g. 400, 408, 409). */
export class UnexpectedStatusError extends WebhooksApiError {
  override name = "UnexpectedStatusError";
}

/** A body that is not what the spec promises (wrong content type, bad JSON, missing fields, too large). */
export class InvalidResponseError extends WebhooksApiError {
  override name = "InvalidResponseError";
}

/**
 * The body was larger than `maxResponseBytes`; the rest was not read. Not retried: the same
 * request would most likely get the same answer.
 */
export class ResponseTooLargeError extends InvalidResponseError {
  override name = "ResponseTooLargeError";
}

/** No response: DNS, refused or reset connection, TLS failure, or a throwing custom fetch. */
export class ConnectionError extends WebhooksApiError {
  override name = "ConnectionError";
}

/** No response within `timeoutMs` (per attempt). A kind of connection error, retried like one. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}

/** The caller's AbortSignal fired. Never retried. */
export class UserAbortError extends WebhooksApiError {
  override name = "UserAbortError";
}

type ErrorClass = new (message: string, init: ApiErrorInit) => WebhooksApiError;

/**
 * Advice: one string, or one per path form, plus for 404 one for paths naming a webhook id
 * (`id`). On the collection (list, create) a 404 means a wrong path, e.g. a baseUrl ending in /api.
 */
type Advice = string | (Record<PathForm, string> & { id?: string });

/** Status → class and advice. The only place a status code picks an error class. */
const STATUS_TABLE: Record<number, [ErrorClass, Advice]> = {
  401: [AuthenticationError, "Check apiToken and authScheme."],
  // Without accountId there is no account id to check: the token alone picks the account.
  403: [
    PermissionDeniedError,
    {
      token: "Check that the token's permissions allow managing webhooks.",
      account: "Check accountId and that the token has access to that account.",
    },
  ],
  404: [
    NotFoundError,
    {
      id: "Check the webhook id; list() shows them.",
      token: "Check baseUrl.",
      account: "Check baseUrl and accountId.",
    },
  ],
  422: [ValidationError, "Fix those fields; error.fields lists the messages."],
  // Not "raise maxRetries": a wait over 60 s is never retried (retry.ts), however many are allowed.
  429: [RateLimitError, "Slow down; see error.retryAfter."],
};

/** The marker that replaces a secret. */
const REDACTED = "[redacted]";
const SIGNING_SECRET_FIELD = /("signing_secret"\s*:\s*)"[^"]*"/g;
// Hex runs of 32 or more look like signing secrets or tokens. Written as `{32}` then `*`, not
// `{32,}`: V8 runs this form in one pass, while `{32,}` overflows its stack on a run of a few
// million characters, which a hostile or broken server can send.
const HEX_RUN = /[\da-f]{32}[\da-f]*/gi;
/**
 * Real Mailtrap tokens are 32 hex characters. Placeholder tokens used with mocks ("t",
 * "any") are too short to be worth hiding, and scrubbing them would mangle every message.
 */
const MIN_SCRUB_LENGTH = 8;

/**
 * Replaces the token, and unless `secrets` is false any `signing_secret` value and any long
 * hex run (secrets look like that), with a marker.
 */
export function scrub(text: string, token: string, secrets = true): string {
  const known = token.length < MIN_SCRUB_LENGTH ? text : text.split(token).join(REDACTED);
  return secrets ? known.replace(SIGNING_SECRET_FIELD, `$1"${REDACTED}"`).replace(HEX_RUN, REDACTED) : known;
}

/** The body as parsed, with the token, secret-shaped strings and any `signing_secret` value hidden, keys included. */
function scrubDeep(value: unknown, token: string): unknown {
  if (typeof value === "string") return scrub(value, token);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, token));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[scrub(k, token)] = k === "signing_secret" ? REDACTED : scrubDeep(v, token);
    }
    return out;
  }
  return value;
}

/** `text` cut to `max` characters. Clip only scrubbed text: a secret cut in two would survive half-hidden. */
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * What an error keeps of a response: the status, the headers and (when given) the body, with
 * the token and secret-shaped values hidden (a proxy may echo them; a created webhook carries
 * its signing secret). A text body keeps its first 500 characters: a proxy's error page can be
 * large, and its start is what helps.
 */
export function answered(response: Response, token: string, body?: unknown): ApiErrorInit {
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    // Request ids are often 32 hex characters (nginx's $request_id) and exist to be quoted to
    // support: only the token itself is hidden in them.
    headers.append(name, scrub(value, token, !name.endsWith("request-id")));
  });
  const clean = scrubDeep(body, token);
  return { status: response.status, headers, body: typeof clean === "string" ? clip(clean, 500) : clean };
}

/** Builds the error for a non-2xx response from its body text (kept as JSON when it is JSON). */
export function errorFromResponse(
  response: Response,
  text: string,
  token: string,
  form: PathForm,
  byId: boolean,
): WebhooksApiError {
  let body: unknown = text || undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  const init = answered(response, token, body);
  const said = clip(scrub(serverText(init.body), token), 300);
  const what = `Mailtrap answered ${response.status}${said ? `: ${said}` : ""}.`;
  const [ErrorClass, advice] =
    STATUS_TABLE[response.status] ??
    (response.status < 500
      ? [UnexpectedStatusError, "This status is not part of the API; check baseUrl."]
      : [InternalServerError, "Mailtrap had a problem; try again later."]);
  return new ErrorClass(
    `${what} ${typeof advice === "string" ? advice : (byId && advice.id) || advice[form]}`,
    init,
  );
}

/** The server's own words from an error body: `error`, `errors` text, or the field messages. */
function serverText(body: unknown): string {
  // Untrusted input: read the keys Mailtrap's error bodies use, whatever their types, and a
  // problem+json `detail` (proxies, and the mock's own 400s).
  const { error, errors, detail } = (body ?? {}) as { error?: unknown; errors?: unknown; detail?: unknown };
  for (const text of [error, errors, detail]) if (typeof text === "string") return text;
  return Object.entries(fieldMessages(body))
    .map(([field, messages]) => `${field === "base" ? "" : `${field} `}${messages.join(", ")}`)
    .join("; ");
}

/** `errors` as field → messages; a bare list of messages goes under `base`, as Mailtrap files messages about no one field. */
function fieldMessages(body: unknown): ValidationErrorBody["errors"] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  const out: ValidationErrorBody["errors"] = {};
  if (errors && typeof errors === "object") {
    for (const [field, messages] of Object.entries(Array.isArray(errors) ? { base: errors } : errors)) {
      out[field] = Array.isArray(messages) ? messages.map(String) : [String(messages)];
    }
  }
  return out;
}
