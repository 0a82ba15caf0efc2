// Every error the client throws, and the one table that maps an HTTP status to its class.
//
// Messages are built only from the status, the server's short error text and our own
// advice. They never include request headers, so the API token cannot reach a log through
// them, and server text is scrubbed of the token and of anything shaped like a secret.
import type { ValidationErrorBody } from "@mailtrap-webhooks/types";
import type { PathForm } from "./operations.js";

/** Root of everything this package throws, including bad arguments. */
export class MailtrapWebhooksError extends Error {
  override name = "MailtrapWebhooksError";
}

/** An argument failed the checks that run before any request is sent. */
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

/** 404: no webhook with this id in the account. */
export class NotFoundError extends WebhooksApiError {
  override name = "NotFoundError";
}

/** 422: the server rejected some fields; `fields` maps each field to its messages. */
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
    this.retryAfter = retryAfterSeconds(init.headers?.get("retry-after") ?? null);
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

/** Advice for one status, or per path form where the form changes what to check. */
type Advice = string | Record<PathForm, string>;

/** Status → class and advice. The only place a status code picks an error class. */
const STATUS_TABLE: Record<number, [ErrorClass, Advice]> = {
  401: [AuthenticationError, "Check apiToken, and authScheme if you changed it."],
  // Without accountId there is no account id to check: the token alone picks the account.
  403: [
    PermissionDeniedError,
    {
      token: "Check that the token's permissions allow managing webhooks.",
      account: "Check accountId and that the token has access to that account.",
    },
  ],
  404: [NotFoundError, "Check the webhook id; list() shows the account's webhooks."],
  422: [ValidationError, "Fix those fields and send again; error.fields lists the messages by field."],
  429: [RateLimitError, "Slow down (150 requests per 10 s per token) or raise maxRetries."],
};

/** The most characters of a text body kept on an error. */
const MAX_TEXT_BODY = 500;

/**
 * A text body as kept on an error: a proxy's error page can be large, and its start is what
 * helps. Clip only scrubbed text, so a secret cut in two cannot survive half-hidden.
 */
export function clipText(scrubbed: string): string {
  return scrubbed.length > MAX_TEXT_BODY ? `${scrubbed.slice(0, MAX_TEXT_BODY)}…` : scrubbed;
}

export interface ErrorContext {
  /** Scrubbed from message and body. */
  secrets: readonly string[];
  /** The path form of the request; it picks the advice where the form matters. */
  pathForm: PathForm;
}

/** Builds the error for a non-2xx response. */
export function errorFromResponse(
  response: Response,
  body: unknown,
  { secrets, pathForm }: ErrorContext,
): WebhooksApiError {
  const { status } = response;
  const headers = scrubHeaders(response.headers, secrets);
  const scrubbed = scrubDeep(body, secrets);
  const cleanBody = typeof scrubbed === "string" ? clipText(scrubbed) : scrubbed;
  const init = { status, headers, body: cleanBody };
  const said = serverText(cleanBody, secrets);
  const what = `Mailtrap answered ${status}${said ? `: ${said}` : ""}.`;
  const entry = STATUS_TABLE[status];
  if (entry) {
    const [ErrorClass, advice] = entry;
    return new ErrorClass(`${what} ${typeof advice === "string" ? advice : advice[pathForm]}`, init);
  }
  if (status >= 500) return new InternalServerError(`${what} Mailtrap had a problem; try again later.`, init);
  return new UnexpectedStatusError(`${what} This status is not part of the API; check baseUrl.`, init);
}

// The three HTTP-date forms a client must accept (RFC 9110 §5.6.7). Only whole dates:
// Date.parse alone would take "-5" as a year and "Mon, 1" as 2001.
const IMF_FIXDATE = /^[a-z]{3}, \d{2} [a-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/i;
const RFC_850_DATE = /^[a-z]{6,9}, \d{2}-[a-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/i;
const ASCTIME_DATE = /^[a-z]{3} [a-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/i;

/** `Retry-After` as seconds from now (delta-seconds or an HTTP date); undefined if absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  let date = Number.NaN;
  if (IMF_FIXDATE.test(trimmed) || RFC_850_DATE.test(trimmed)) date = Date.parse(trimmed);
  // asctime has no zone but means GMT; without one Date.parse would read local time.
  else if (ASCTIME_DATE.test(trimmed)) date = Date.parse(`${trimmed} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** Hex runs this long or longer look like signing secrets or tokens. */
const SECRET_RUN = 32;
const SIGNING_SECRET_FIELD = /("signing_secret"\s*:\s*)"[^"]*"/g;
/**
 * Real Mailtrap tokens are 32 hex characters. Placeholder tokens used with mocks ("t",
 * "any") are too short to be worth hiding, and scrubbing them would mangle every message.
 */
const MIN_SCRUB_LENGTH = 8;

/** Replaces the given secrets, and any long hex run (signing secrets look like that), with a marker. */
export function scrub(text: string, secrets: readonly string[]): string {
  return redactHexRuns(scrubExact(text.replace(SIGNING_SECRET_FIELD, '$1"[redacted]"'), secrets));
}

/**
 * One pass over the text. A regex such as /[0-9a-f]{32,}/ overflows V8's stack on a hex run
 * of a few million characters, which a hostile or broken server can send.
 */
function redactHexRuns(text: string): string {
  let out = "";
  let copied = 0;
  let runStart = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) | 0x20 : 0;
    if ((code >= 48 && code <= 57) || (code >= 97 && code <= 102)) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - runStart >= SECRET_RUN) {
        out += `${text.slice(copied, runStart)}[redacted]`;
        copied = i;
      }
      runStart = -1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function scrubExact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SCRUB_LENGTH) out = out.split(secret).join("[redacted]");
  }
  return out;
}

/** The response headers with the token and secret-shaped values hidden (a proxy may echo them). */
export function scrubHeaders(headers: Headers, secrets: readonly string[]): Headers {
  const out = new Headers();
  headers.forEach((value, name) => {
    out.append(name, scrub(value, secrets));
  });
  return out;
}

/** The body as parsed, with the token, secret-shaped strings and any `signing_secret` value hidden, keys included. */
function scrubDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secrets));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        scrub(k, secrets),
        k === "signing_secret" ? "[redacted]" : scrubDeep(v, secrets),
      ]),
    );
  }
  return value;
}

/** The server's own words from an error body, shortened: `error`, `errors` text, or field messages. */
function serverText(body: unknown, secrets: readonly string[]): string {
  if (!body || typeof body !== "object") return "";
  // Untrusted input: read the two keys Mailtrap's error bodies use, whatever their types.
  const { error, errors } = body as { error?: unknown; errors?: unknown };
  let text = "";
  if (typeof error === "string") text = error;
  else if (typeof errors === "string") text = errors;
  else if (errors && typeof errors === "object") {
    text = Object.entries(fieldMessages(body))
      .map(([field, messages]) => `${field} ${messages.join(", ")}`)
      .join("; ");
  }
  const clean = scrub(text, secrets);
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}

function fieldMessages(body: unknown): ValidationErrorBody["errors"] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!errors || typeof errors !== "object" || Array.isArray(errors)) return {};
  const out: ValidationErrorBody["errors"] = {};
  for (const [field, messages] of Object.entries(errors)) {
    out[field] = Array.isArray(messages) ? messages.map(String) : [String(messages)];
  }
  return out;
}
