// When to retry a failed attempt, and how long to wait first. Pure functions, so the
// policy can be read and tested on its own.
import { ConnectionError, InvalidResponseError, type WebhooksApiError } from "./errors.js";
import { retryAfterSeconds } from "./retry-after.js";

export interface RetryInput {
  /** HTTP method of the request, e.g. "GET". */
  method: string;
  /** Retries already made (0 after the first attempt failed). */
  attempt: number;
  /** The most retries allowed for this call. */
  maxRetries: number;
  /** Why the attempt failed. */
  error: WebhooksApiError;
}

/** True when the failed attempt should be sent again. */
export function shouldRetry({ method, attempt, maxRetries, error }: RetryInput): boolean {
  if (attempt >= maxRetries) return false;
  const status = error.status;
  // A POST that reached the server may have created the webhook; only a 429 proves it did not.
  if (method.toUpperCase() === "POST" && status !== 429) return false;
  // Timeouts are ConnectionErrors; user aborts are not, so they stop here.
  if (error instanceof ConnectionError) return true;
  // A body too large or not the promised JSON would most likely come back the same.
  if (error instanceof InvalidResponseError) return false;
  if (!(status === 408 || status === 429 || (status !== undefined && status >= 500))) return false;
  // A server asking for a longer pause than we wait would refuse a quick retry too; the
  // caller gets the error now, with retryAfter on a RateLimitError to schedule it.
  const asked = retryAfterSeconds(error.headers?.get("retry-after"));
  return asked === undefined || asked * 1000 <= MAX_RETRY_AFTER_MS;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
/** The longest Retry-After we wait; a longer one ends the call with its error (see shouldRetry). */
const MAX_RETRY_AFTER_MS = 60_000;

export interface DelayInput {
  /** Retries already made (0 before the first retry). */
  attempt: number;
  /** The response's `Retry-After` header, if any. */
  retryAfter?: string | null | undefined;
  /** Source of jitter in [0, 1); injectable for tests. */
  random?: () => number;
  now?: number;
}

/**
 * Milliseconds to wait before the next attempt: min(0.5 s × 2^attempt, 8 s) minus up to 25%
 * jitter, so clients that failed together do not retry in lockstep; a sane `Retry-After`
 * (up to 60 s) that asks for longer wins. A shorter one (`Retry-After: 0`) does not shorten
 * the backoff: a server that answers "retry now" every time would otherwise get a burst.
 */
export function retryDelay({
  attempt,
  retryAfter,
  random = Math.random,
  now = Date.now(),
}: DelayInput): number {
  const backoff = Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_DELAY_MS) * (1 - 0.25 * random());
  const seconds = retryAfterSeconds(retryAfter, now);
  if (seconds !== undefined && seconds * 1000 <= MAX_RETRY_AFTER_MS) return Math.max(seconds * 1000, backoff);
  return backoff;
}
