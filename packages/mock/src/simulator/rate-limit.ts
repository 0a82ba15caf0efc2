/**
 * A sliding-window request limit per token (Mailtrap: 150 requests per 10 s per token), as a
 * pure function over the times of the requests already let through.
 */
export interface RateLimit {
  /** Requests allowed per window. */
  requests: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

export const mailtrapRateLimit: RateLimit = { requests: 150, windowMs: 10_000 };

export interface RateDecision {
  allowed: boolean;
  /** The request times to keep for the next decision (this one included when allowed). */
  recent: number[];
  /** When refused: milliseconds until the oldest request leaves the window. */
  retryAfterMs: number;
}

export function decideRate(recent: readonly number[], now: number, limit: RateLimit): RateDecision {
  const inWindow = recent.filter((time) => now - time < limit.windowMs);
  if (inWindow.length < limit.requests) return { allowed: true, recent: [...inWindow, now], retryAfterMs: 0 };
  const oldest = inWindow[0] ?? now;
  return { allowed: false, recent: inWindow, retryAfterMs: Math.max(0, oldest + limit.windowMs - now) };
}
