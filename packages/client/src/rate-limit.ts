// Keeps each API token under Mailtrap's request limit, for every client of that token in the
// process. A request takes a slot when it starts and hands it back `perMs` after it ends, so
// it also counts while in flight: the server sees no more than `requests` arrivals in any
// window of `perMs`, whatever the latency. (A bucket that refills at a steady rate would let
// nearly twice that through at the window's edges.)
import { sleep, userAbort } from "./abort.js";

/** At most `requests` calls in any `perMs` milliseconds, per API token. */
export interface RateLimit {
  requests: number;
  perMs: number;
}

/** Mailtrap's documented limit: 150 requests per 10 s per token. */
export const DEFAULT_RATE_LIMIT: Readonly<RateLimit> =
  // Marked pure so that a bundle of the raw entry, which takes only the error classes from this
  // one, leaves it out.
  /* @__PURE__ */ Object.freeze({ requests: 150, perMs: 10_000 });

/**
 * One request: `Infinity` while in flight, then the time it ended, on `performance.now()`'s
 * clock, which never jumps back as the wall clock can.
 */
interface Send {
  done: number;
}

interface SendLog {
  sends: Send[];
  /** The longest `perMs` of any client of the token: sends older than that no longer count. */
  span: number;
}

// Keyed by a hash of the token, so the registry never holds the token in a readable form.
const logs = new Map<string, SendLog>();

/**
 * A 53-bit hash (two FNV-1a style lanes). Not cryptographic, and need not be: a collision
 * only makes two tokens share a limit, and a 32-character token cannot be read back from it.
 */
function tokenKey(token: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return ((b >>> 11) * 2 ** 32 + (a >>> 0)).toString(36);
}

/** The token's log; creating one first drops the logs of idle tokens, which act as empty ones. */
function logFor(key: string, now: number): SendLog {
  let log = logs.get(key);
  if (!log) {
    for (const [idle, { sends, span }] of logs) {
      if (sends.every((send) => send.done <= now - span)) logs.delete(idle);
    }
    log = { sends: [], span: 0 };
    logs.set(key, log);
  }
  return log;
}

/** A slot taken for one request; `done()` when the request has ended, however it ended. */
export interface Slot {
  done(): void;
}

export interface RateLimiter {
  /**
   * Waits until this client's limit allows one more request of its token, then takes the
   * slot. `onWait` hears the first wait in ms. Rejects with a UserAbortError when the caller
   * aborts.
   */
  acquire(signal: AbortSignal | undefined, onWait: (ms: number) => void): Promise<Slot>;
  /** The limit in words, e.g. `150 requests per 10 s`. */
  readonly description: string;
}

/** A limiter for one client, sharing its send log with every other client of the same token. */
export function createRateLimiter(apiToken: string, { requests, perMs }: RateLimit): RateLimiter {
  const key = tokenKey(apiToken);
  const window = perMs % 1000 === 0 ? `${perMs / 1000} s` : `${perMs} ms`;
  return {
    description: `${requests} requests per ${window}`,
    async acquire(signal, onWait) {
      let told = false;
      for (;;) {
        if (signal?.aborted) throw userAbort(signal);
        const now = performance.now();
        const log = logFor(key, now);
        log.span = Math.max(log.span, perMs);
        log.sends = log.sends.filter((send) => send.done > now - log.span);
        const counted = log.sends.filter((send) => send.done > now - perMs).map((send) => send.done);
        if (counted.length < requests) {
          const send = { done: Number.POSITIVE_INFINITY };
          log.sends.push(send);
          return {
            done() {
              send.done = performance.now();
            },
          };
        }
        // When the first slot can free: `perMs` after its request ends, so for one still in
        // flight not before `perMs` from now. The loop looks again once that time has come.
        counted.sort((x, y) => x - y);
        const wait = Math.min(counted[counted.length - requests] as number, now) + perMs - now;
        if (!told) {
          told = true;
          onWait(Math.ceil(wait));
        }
        await sleep(wait, signal);
      }
    },
  };
}
