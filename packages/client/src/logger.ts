// Log levels and the one function the sender logs through. Lines carry the method, path,
// status or cause, attempt and wait; never a header or a body, so neither the token nor a
// signing secret can reach a log.

/** From quietest to loudest. `info` shows failed attempts, retry waits and rate-limit waits; `debug` every attempt. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Where log lines go; `console` fits, as do pino, winston and most other loggers. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

/** Logs `message()` at `level`; the line is built only when the level is on. */
export type Log = (level: Exclude<LogLevel, "off">, message: () => string) => void;

export function createLog(level: LogLevel, logger: Logger): Log {
  const loudest = LOG_LEVELS.indexOf(level);
  return (at, message) => {
    if (LOG_LEVELS.indexOf(at) > loudest) return;
    try {
      logger[at](`[mailtrap-webhooks] ${message()}`);
    } catch {
      // A broken logger must not turn a working call into a failed one.
    }
  };
}
