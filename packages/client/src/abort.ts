// The caller's AbortSignal: the error it ends a call with, and a wait it can cut short.
import { UserAbortError } from "./errors.js";

export function userAbort(signal: AbortSignal): UserAbortError {
  return new UserAbortError("Cancelled by the caller's AbortSignal.", {
    cause: signal.reason,
  });
}

// One listener per signal, however many calls share it: Node warns of a leak past ten.
const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/** Runs `callback` when `signal` aborts, until the returned function is called. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = watchers.get(signal);
  if (!callbacks) {
    const all = new Set<() => void>();
    callbacks = all;
    watchers.set(signal, all);
    signal.addEventListener("abort", () => {
      for (const run of all) run();
    });
  }
  callbacks.add(callback);
  return () => callbacks.delete(callback);
}

/** Waits `ms`, or rejects at once with a UserAbortError when the caller aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(userAbort(signal));
    const unwatch = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(userAbort(signal));
        })
      : undefined;
    const timer = setTimeout(() => {
      unwatch?.();
      resolve();
    }, ms);
  });
}
