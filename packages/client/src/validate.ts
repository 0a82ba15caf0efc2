// Argument checks that run before any request, so a typo fails fast with a message that
// names the field, instead of as a confusing 404 or 422 from the server.
import { InvalidArgumentError } from "./errors.js";
import { LOG_LEVELS, type Logger, type LogLevel } from "./logger.js";
import type { RateLimit } from "./rate-limit.js";

/** A short description of a value for error messages, e.g. `string "abc"`. */
export function describe(value: unknown): string {
  const type = typeof value;
  if (type === "string") {
    const text = value as string;
    return `string ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`;
  }
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (type === "object") return "an object";
  if (type === "function" || type === "symbol") return type;
  return `${type} ${String(value)}${type === "bigint" ? "n" : ""}`;
}

/** Throws `<field> must be <expected>, got <value><hint>`: every check's message has this form. */
export function refuse(field: string, expected: string, value: unknown, hint = ""): never {
  throw new InvalidArgumentError(field, `${field} must be ${expected}, got ${describe(value)}${hint}`);
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A whole number in [min, max]. */
const isIntegerIn = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** Account and webhook ids are positive safe integers. `advice` ends the message when one is wrong. */
export function checkId(field: string, value: unknown, advice = ""): number {
  if (isIntegerIn(value, 1, Number.MAX_SAFE_INTEGER)) return value;
  const hint = typeof value === "string" ? " (convert it with Number() first)" : "";
  return refuse(field, "a positive integer", value, hint + advice);
}

/**
 * A given accountId must be valid: a bad one (NaN from an unset variable, say) is refused,
 * never taken as "no account", which would silently switch to the token-scoped paths.
 */
export function checkAccountId(value: unknown): number {
  return checkId("accountId", value, "; or leave accountId out to use the API token's account");
}

// Whitespace, control and non-Latin-1 characters make an HTTP header invalid, and fetch's
// own error would quote the value (and is thrown only at send time, looking like a network error).
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const NOT_HEADER_SAFE = /[\u0000-\u001f\u007f]|[^\u0000-\u00ff]/;

/** The token must be present and usable as a header value. Its value is never printed. */
export function checkToken(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    const got =
      typeof value === "string"
        ? "a blank string; check that the environment variable is set"
        : value === null
          ? "null"
          : typeof value;
    throw new InvalidArgumentError("apiToken", `apiToken must be a non-empty string, got ${got}`);
  }
  if (/\s/.test(value) || NOT_HEADER_SAFE.test(value)) {
    throw new InvalidArgumentError(
      "apiToken",
      "apiToken has whitespace or characters an HTTP header cannot carry; check for a stray space or newline",
    );
  }
  return value;
}

/** The caller's User-Agent part: a string that can go into a header as it is. */
export function checkUserAgent(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") return refuse("userAgent", "a string", value);
  if (NOT_HEADER_SAFE.test(value)) {
    refuse("userAgent", 'Latin-1 text without line breaks, e.g. "billing-sync/1.4"', value);
  }
  return value;
}

/**
 * Request bodies are plain objects that JSON can carry; an update must change at least one
 * field. A BigInt or a cycle is caught here, with its path, rather than failing on the wire.
 */
export function checkParams(field: string, value: unknown, { nonEmpty = false } = {}): void {
  if (!isObject(value)) refuse(field, "an object", value);
  if (nonEmpty && !Object.values(value).some((v) => v !== undefined)) {
    throw new InvalidArgumentError(field, `${field} must set at least one field to change, got none`);
  }
  try {
    JSON.stringify(value);
  } catch (error) {
    const [where, what] = unserialisable(value, field, []) ?? [field, "a value JSON cannot hold"];
    throw new InvalidArgumentError(where, `${where} is ${what}, which cannot be sent as JSON`, {
      cause: error,
    });
  }
}

/** The path and kind of the first value JSON.stringify refuses: a BigInt or a cycle. */
function unserialisable(value: unknown, path: string, parents: object[]): [string, string] | undefined {
  if (typeof value === "bigint") return [path, `a BigInt (${describe(value)})`];
  if (typeof value !== "object" || value === null || parents.length > 100) return undefined;
  if (parents.includes(value)) return [path, "a reference to an enclosing object (a cycle)"];
  for (const [key, child] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    const found = unserialisable(child, at, [...parents, value]);
    if (found) return found;
  }
  return undefined;
}

/** setTimeout's ceiling (about 24.8 days); above it, timers fire at once instead of late. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Timeouts are positive milliseconds that setTimeout can hold. */
export function checkTimeout(field: string, value: unknown): number {
  if (typeof value === "number" && value > 0 && value <= MAX_TIMEOUT_MS) return value;
  const limit = (value as number) > MAX_TIMEOUT_MS ? ` of at most ${MAX_TIMEOUT_MS} (about 24 days)` : "";
  return refuse(field, `a positive number of milliseconds${limit}`, value);
}

/** More retries than this only hide an outage; ten already span about a minute of backoff. */
export const MAX_RETRIES_LIMIT = 10;

/** Retry counts are whole numbers from 0 to MAX_RETRIES_LIMIT. */
export function checkRetries(field: string, value: unknown): number {
  if (isIntegerIn(value, 0, MAX_RETRIES_LIMIT)) return value;
  return refuse(field, `an integer from 0 to ${MAX_RETRIES_LIMIT}`, value);
}

/** A byte limit: a positive whole number. */
export function checkByteLimit(field: string, value: unknown): number {
  if (isIntegerIn(value, 1, Number.MAX_SAFE_INTEGER)) return value;
  return refuse(field, "a positive whole number of bytes", value);
}

export function checkLogLevel(value: unknown): LogLevel {
  if (LOG_LEVELS.includes(value as LogLevel)) return value as LogLevel;
  return refuse("logLevel", `one of "${LOG_LEVELS.join('", "')}"`, value);
}

export function checkLogger(value: unknown): Logger {
  const methods = (typeof value === "object" && value) as Record<string, unknown> | false;
  if (methods && LOG_LEVELS.every((level) => level === "off" || typeof methods[level] === "function")) {
    return value as Logger;
  }
  return refuse("logger", "an object with error, warn, info and debug methods, such as console", value);
}

/** The base URL must parse; a trailing slash is dropped so paths join cleanly. */
export function checkBaseUrl(value: unknown): string {
  const example = 'such as "https://mailtrap.io"';
  let url: URL | undefined;
  try {
    if (typeof value === "string") url = new URL(value);
  } catch {
    // not a URL: refused below
  }
  if (url?.username || url?.password) {
    // fetch refuses such URLs, and echoing the value would print the password.
    throw new InvalidArgumentError(
      "baseUrl",
      "baseUrl must not contain a user name or password; use apiToken.",
    );
  }
  // Tested on the text: an empty "?" or "#" leaves url.search and url.hash empty. Not echoed,
  // since a query string is where people paste tokens.
  if (url && /[?#]/.test(value as string)) {
    throw new InvalidArgumentError(
      "baseUrl",
      `baseUrl must be an origin and optional path, without query or fragment, ${example}`,
    );
  }
  if (url?.protocol === "http:" || url?.protocol === "https:") return (value as string).replace(/\/+$/, "");
  return refuse("baseUrl", `an absolute http(s) URL ${example}`, value);
}

/** Enough for any real limit; the client keeps one timestamp per allowed request. */
const MAX_RATE_LIMIT_REQUESTS = 100_000;

/** `false`, undefined (the default), or `{ requests, perMs }` with a whole count and a window setTimeout can hold. */
export function checkRateLimit(value: unknown): RateLimit | false | undefined {
  if (value === undefined || value === false) return value;
  if (!isObject(value)) return refuse("rateLimit", "false or { requests, perMs }", value);
  const { requests, perMs } = value;
  if (!isIntegerIn(requests, 1, MAX_RATE_LIMIT_REQUESTS)) {
    refuse("rateLimit.requests", `an integer from 1 to ${MAX_RATE_LIMIT_REQUESTS}`, requests);
  }
  return { requests, perMs: checkTimeout("rateLimit.perMs", perMs) };
}
