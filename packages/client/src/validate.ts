/**
 * Argument checks that run before any request, so a typo fails fast with a message that
 * names the field, instead of as a confusing 404 or 422 from the server.
 */
import { InvalidArgumentError } from "./errors.js";

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

/** Account and webhook ids are positive safe integers. */
export function checkId(field: string, value: unknown): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 1) return value;
  const hint = typeof value === "string" ? " (convert it with Number() first)" : "";
  throw new InvalidArgumentError(field, `${field} must be a positive integer, got ${describe(value)}${hint}`);
}

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
  // Whitespace or control characters would make the header invalid, and fetch's own error
  // message would quote the token.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(value) || /[^\u0000-\u00ff]/.test(value)) {
    throw new InvalidArgumentError(
      "apiToken",
      "apiToken contains whitespace or characters not allowed in an HTTP header; check for a stray space or newline",
    );
  }
  return value;
}

/** Request bodies are plain objects; an update must change at least one field. */
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
}

/** Timeouts are positive finite milliseconds. */
export function checkTimeout(field: string, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  throw new InvalidArgumentError(
    field,
    `${field} must be a positive number of milliseconds, got ${describe(value)}`,
  );
}

/** Retry counts are whole numbers from 0 up. */
export function checkRetries(field: string, value: unknown): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  throw new InvalidArgumentError(field, `${field} must be an integer of 0 or more, got ${describe(value)}`);
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
    if (url && (url.search || url.hash)) {
      throw new InvalidArgumentError(
        "baseUrl",
        `baseUrl must be an origin and optional path, without query or fragment, got ${describe(value)}`,
      );
    }
    if (url && (url.protocol === "http:" || url.protocol === "https:")) return value.replace(/\/+$/, "");
  }
  throw new InvalidArgumentError(
    "baseUrl",
    `baseUrl must be an absolute http(s) URL such as "https://mailtrap.io", got ${describe(value)}`,
  );
}
