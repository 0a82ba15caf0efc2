// Argument checks that run before any request, so a typo fails fast with a message that
// names the field, instead of as a confusing 404 or 422 from the server.
import { InvalidArgumentError } from "./errors.js";
import { LOG_LEVELS, type Logger, type LogLevel } from "./logger.js";
import type { RequestOptions } from "./request.js";

/** A short description of a value for error messages, e.g. `string "abc"`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case "number":
    case "boolean":
      return `${typeof value} ${String(value)}`;
    case "bigint":
      return `bigint ${String(value)}n`;
    case "undefined":
      return "undefined";
    default:
      return typeof value === "object" ? "an object" : typeof value;
  }
}

/** Account and webhook ids are positive safe integers. `advice` ends the message when one is wrong. */
export function checkId(field: string, value: unknown, advice = ""): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 1) return value;
  const hint = typeof value === "string" ? " (convert it with Number() first)" : "";
  throw new InvalidArgumentError(
    field,
    `${field} must be a positive integer, got ${describe(value)}${hint}${advice}`,
  );
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
  if (typeof value !== "string") {
    const type = value === null ? "null" : typeof value;
    throw new InvalidArgumentError("apiToken", `apiToken must be a non-empty string, got ${type}`);
  }
  if (value.trim() === "") {
    throw new InvalidArgumentError(
      "apiToken",
      "apiToken must be a non-empty string, got a blank string; check that the environment variable is set",
    );
  }
  if (/\s/.test(value) || NOT_HEADER_SAFE.test(value)) {
    throw new InvalidArgumentError(
      "apiToken",
      "apiToken contains whitespace or characters not allowed in an HTTP header; check for a stray space or newline",
    );
  }
  return value;
}

/** The caller's User-Agent part: a string that can go into a header as it is. */
export function checkUserAgent(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new InvalidArgumentError("userAgent", `userAgent must be a string, got ${describe(value)}`);
  }
  if (NOT_HEADER_SAFE.test(value)) {
    throw new InvalidArgumentError(
      "userAgent",
      `userAgent must be printable ASCII or Latin-1 without line breaks, e.g. "billing-sync/1.4", got ${describe(value)}`,
    );
  }
  return value;
}

/**
 * Request bodies are plain objects that JSON can carry; an update must change at least one
 * field. Checked here because openapi-fetch serialises inside the request, where a BigInt or
 * a cycle would surface as a network error after every retry.
 */
export function checkParams(field: string, value: unknown, { nonEmpty = false } = {}): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(field, `${field} must be an object, got ${describe(value)}`);
  }
  if (nonEmpty && !Object.values(value).some((v) => v !== undefined)) {
    throw new InvalidArgumentError(
      field,
      `${field} must set at least one field to change, got an empty object`,
    );
  }
  try {
    JSON.stringify(value);
  } catch (error) {
    const [where, what] = unserialisable(value, field, []) ?? [field, "a value JSON cannot hold"];
    throw new InvalidArgumentError(
      where,
      `${where} is ${what}, which cannot be sent as JSON; use a plain number, string, boolean, array or object`,
      { cause: error },
    );
  }
}

/** The path and kind of the first value JSON.stringify refuses: a BigInt or a cycle. */
function unserialisable(value: unknown, path: string, parents: object[]): [string, string] | undefined {
  if (typeof value === "bigint") return [path, `a BigInt (${describe(value)})`];
  if (typeof value !== "object" || value === null) return undefined;
  if (parents.includes(value)) return [path, "a reference back to an enclosing object (a cycle)"];
  if (parents.length > 100) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = unserialisable(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, [
      ...parents,
      value,
    ]);
    if (found) return found;
  }
  return undefined;
}

/** setTimeout's ceiling (about 24.8 days); above it, timers fire at once instead of late. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Timeouts are positive milliseconds that setTimeout can hold. */
export function checkTimeout(field: string, value: unknown): number {
  if (typeof value === "number" && value > 0 && value <= MAX_TIMEOUT_MS) return value;
  const limit =
    typeof value === "number" && value > MAX_TIMEOUT_MS
      ? ` of at most ${MAX_TIMEOUT_MS} (about 24 days)`
      : "";
  throw new InvalidArgumentError(
    field,
    `${field} must be a positive number of milliseconds${limit}, got ${describe(value)}`,
  );
}

/** More retries than this only hide an outage; ten already span about a minute of backoff. */
export const MAX_RETRIES_LIMIT = 10;

/** Retry counts are whole numbers from 0 to MAX_RETRIES_LIMIT. */
export function checkRetries(field: string, value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_RETRIES_LIMIT) {
    return value;
  }
  throw new InvalidArgumentError(
    field,
    `${field} must be an integer from 0 to ${MAX_RETRIES_LIMIT}, got ${describe(value)}`,
  );
}

/** A byte limit: a positive whole number. */
export function checkByteLimit(field: string, value: unknown): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 1) return value;
  throw new InvalidArgumentError(
    field,
    `${field} must be a positive whole number of bytes, got ${describe(value)}`,
  );
}

export function checkLogLevel(value: unknown): LogLevel {
  if (LOG_LEVELS.includes(value as LogLevel)) return value as LogLevel;
  throw new InvalidArgumentError(
    "logLevel",
    `logLevel must be one of ${LOG_LEVELS.map((level) => `"${level}"`).join(", ")}, got ${describe(value)}`,
  );
}

export function checkLogger(value: unknown): Logger {
  const methods = (typeof value === "object" && value) as Record<string, unknown> | false;
  if (methods && LOG_LEVELS.every((level) => level === "off" || typeof methods[level] === "function")) {
    return value as Logger;
  }
  throw new InvalidArgumentError(
    "logger",
    `logger must be an object with error, warn, info and debug methods, such as console; got ${describe(value)}`,
  );
}

/** The base URL must parse; a trailing slash is dropped so paths join cleanly. */
export function checkBaseUrl(value: unknown): string {
  if (typeof value === "string") {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      // fall through to the error below
    }
    if (url && (url.username || url.password)) {
      // fetch refuses such URLs, and echoing the value would print the password.
      throw new InvalidArgumentError(
        "baseUrl",
        "baseUrl must not contain a user name or password; authenticate with apiToken instead.",
      );
    }
    // Tested on the text: an empty "?" or "#" leaves url.search and url.hash empty. Not echoed,
    // since a query string is where people paste tokens.
    if (url && /[?#]/.test(value)) {
      throw new InvalidArgumentError(
        "baseUrl",
        `baseUrl must be an origin and optional path, without query or fragment, such as "https://mailtrap.io"`,
      );
    }
    if (url && (url.protocol === "http:" || url.protocol === "https:")) return value.replace(/\/+$/, "");
  }
  throw new InvalidArgumentError(
    "baseUrl",
    `baseUrl must be an absolute http(s) URL such as "https://mailtrap.io", got ${describe(value)}`,
  );
}

/** Per-call options: undefined or an object whose `signal`, if set, is an AbortSignal. */
export function checkRequestOptions(value: unknown): RequestOptions {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(
      "options",
      `options must be an object such as { timeoutMs: 5000 }, got ${describe(value)}`,
    );
  }
  const { signal } = value as { signal?: unknown };
  // Duck-typed: signals from another realm or a polyfill fail instanceof but work.
  const isSignal =
    typeof signal === "object" &&
    signal !== null &&
    typeof (signal as AbortSignal).aborted === "boolean" &&
    typeof (signal as AbortSignal).addEventListener === "function";
  if (signal !== undefined && !isSignal) {
    throw new InvalidArgumentError(
      "options.signal",
      `options.signal must be an AbortSignal (e.g. AbortSignal.timeout(5000)), got ${describe(signal)}`,
    );
  }
  return value as RequestOptions;
}
