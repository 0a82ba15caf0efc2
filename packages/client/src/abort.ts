// The caller's AbortSignal: the error it ends a call with, and a wait it can cut short.
import { UserAbortError } from "./errors.js";

export function userAbort(signal: AbortSignal): UserAbortError {
  return new UserAbortError("Cancelled by the caller's AbortSignal.", {
    cause: signal.reason,
  });
}

/** Waits `ms`, or rejects at once with a UserAbortError when the caller aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(userAbort(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(userAbort(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
