import { describe, expect, it } from "vitest";
import {
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  ResponseTooLargeError,
  retryDelay,
  shouldRetry,
  TimeoutError,
  UnexpectedStatusError,
  UserAbortError,
  type WebhooksApiError,
} from "../../src/index.js";

const status = (code: number): WebhooksApiError => {
  if (code === 429) return new RateLimitError("", { status: code });
  if (code >= 500) return new InternalServerError("", { status: code });
  if (code === 404) return new NotFoundError("", { status: code });
  return new UnexpectedStatusError("", { status: code });
};
const connection = new ConnectionError("");
const timeout = new TimeoutError("");
const abort = new UserAbortError("");
const badBody = new InvalidResponseError("", { status: 200 });

describe("shouldRetry", () => {
  const cases: [string, WebhooksApiError, boolean, boolean][] = [
    // [label, error, GET/PATCH/DELETE retry?, POST retry?]
    ["408", status(408), true, false],
    ["429", status(429), true, true],
    ["500", status(500), true, false],
    ["503", status(503), true, false],
    ["connection", connection, true, false],
    ["timeout", timeout, true, false],
    ["404", status(404), false, false],
    ["400", status(400), false, false],
    ["user abort", abort, false, false],
    ["invalid body", badBody, false, false],
    ["too large, even on a 503", new ResponseTooLargeError("", { status: 503 }), false, false],
  ];
  it.each(cases)("%s", (_label, error, idempotent, post) => {
    for (const method of ["GET", "PATCH", "DELETE"]) {
      expect(shouldRetry({ method, attempt: 0, maxRetries: 2, error })).toBe(idempotent);
    }
    expect(shouldRetry({ method: "POST", attempt: 0, maxRetries: 2, error })).toBe(post);
  });

  it("does not retry when Retry-After asks for more than 60 s, whatever the method", () => {
    const withWait = (code: number, seconds: string) =>
      new (code === 429 ? RateLimitError : InternalServerError)("", {
        status: code,
        headers: new Headers({ "retry-after": seconds }),
      });
    for (const method of ["GET", "PATCH", "DELETE", "POST"]) {
      expect(shouldRetry({ method, attempt: 0, maxRetries: 2, error: withWait(429, "120") })).toBe(false);
      expect(shouldRetry({ method, attempt: 0, maxRetries: 2, error: withWait(429, "60") })).toBe(true);
    }
    expect(shouldRetry({ method: "GET", attempt: 0, maxRetries: 2, error: withWait(503, "3600") })).toBe(
      false,
    );
    expect(shouldRetry({ method: "GET", attempt: 0, maxRetries: 2, error: withWait(503, "5") })).toBe(true);
  });

  it("stops once maxRetries retries were made", () => {
    const error = status(503);
    expect(shouldRetry({ method: "GET", attempt: 1, maxRetries: 2, error })).toBe(true);
    expect(shouldRetry({ method: "GET", attempt: 2, maxRetries: 2, error })).toBe(false);
    expect(shouldRetry({ method: "GET", attempt: 0, maxRetries: 0, error })).toBe(false);
  });
});

describe("retryDelay", () => {
  it("doubles from 0.5 s and caps at 8 s without jitter", () => {
    const delays = [0, 1, 2, 3, 4, 5, 10].map((attempt) => retryDelay({ attempt, random: () => 0 }));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it("subtracts up to 25% jitter", () => {
    expect(retryDelay({ attempt: 1, random: () => 0.999999 })).toBeCloseTo(750, 0);
    for (let i = 0; i < 50; i++) {
      const delay = retryDelay({ attempt: 2 });
      expect(delay).toBeGreaterThan(1500);
      expect(delay).toBeLessThanOrEqual(2000);
    }
  });

  it("never waits less than the backoff, however short the Retry-After (no burst on Retry-After: 0)", () => {
    expect(retryDelay({ attempt: 0, retryAfter: "0", random: () => 0 })).toBe(500);
    expect(retryDelay({ attempt: 3, retryAfter: "0", random: () => 0 })).toBe(4000);
    expect(retryDelay({ attempt: 0, retryAfter: "0.1", random: () => 0.999999 })).toBeGreaterThan(375);
  });

  it("obeys a sane Retry-After in seconds or as an HTTP date", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryDelay({ attempt: 0, retryAfter: "7", random: () => 0 })).toBe(7000);
    expect(retryDelay({ attempt: 0, retryAfter: "1.5", random: () => 0 })).toBe(1500);
    expect(
      retryDelay({ attempt: 0, retryAfter: "Wed, 01 Jan 2025 00:00:12 GMT", now, random: () => 0 }),
    ).toBe(12_000);
  });

  it("reads the obsolete HTTP date forms too: RFC 850 and asctime (which means GMT)", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    for (const retryAfter of ["Wednesday, 01-Jan-25 00:00:12 GMT", "Wed Jan  1 00:00:12 2025"]) {
      expect(retryDelay({ attempt: 0, retryAfter, now, random: () => 0 })).toBe(12_000);
    }
  });

  it("falls back to backoff when Retry-After is missing, unreadable or too long", () => {
    for (const retryAfter of [null, undefined, "", "soon", "-5", "Mon, 1", "3600"]) {
      expect(retryDelay({ attempt: 1, retryAfter, random: () => 0 })).toBe(1000);
    }
  });
});
