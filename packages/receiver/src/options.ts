import type { ParsedEvent } from "./parse.js";

/** What `onEvents` and `onError` get besides the events. */
export interface DeliveryContext {
  /**
   * The incoming request; its body has already been read. On the node:http / Express / Fastify
   * path no Request is made for a delivery: this one is built on first access, with the method,
   * URL and headers of the delivery and no body.
   */
  readonly request: Request;
  /**
   * Aborted when the delivery's time is up (`timeoutMs`; the answer was a 503 and Mailtrap will
   * retry) or when the sender disconnected. Pass it on to database calls and `fetch`.
   */
  readonly signal: AbortSignal;
}

interface HandlerOptionsBase {
  /**
   * Called with every event of a verified delivery (minus those `seen` drops), parsed and
   * tagged by `kind`: `"sending"`, `"audit_log"`, `"inbound"` or `"unknown"`. The handler
   * answers 200 only after it resolves; if it throws, 500, and Mailtrap retries the batch.
   */
  onEvents: (events: ParsedEvent[], context: DeliveryContext) => void | Promise<void>;
  /** Largest body accepted, in bytes. Larger deliveries get 413. Default 5 MiB. */
  maxBodyBytes?: number;
  /**
   * Return true for an `event_id` already processed, to drop the event before `onEvents`.
   * Mailtrap retries whole batches, so the same event can arrive twice. Only a check:
   * record ids yourself once `onEvents` has stored them.
   */
  seen?: (eventId: string) => boolean | Promise<boolean>;
  /**
   * Time `seen` and `onEvents` get per delivery, in milliseconds. Past it the answer is 503
   * (Mailtrap retries the batch) and the context's `signal` aborts. Default 25 000, under
   * the 30 s Mailtrap waits; `Infinity` turns it off.
   */
  timeoutMs?: number;
  /**
   * Told about errors from `onEvents`/`seen` (and timeouts) before the 5xx. Default:
   * console.error. If it throws or rejects itself, that is ignored and the answer stands.
   */
  onError?: (error: unknown, context: DeliveryContext) => void | Promise<void>;
}

export type WebhookHandlerOptions = HandlerOptionsBase &
  (
    | { /** The webhook's signing secret. */ secret: string; secrets?: never }
    | {
        /** Several secrets, e.g. old and new during rotation; any may match. */ secrets: readonly string[];
        secret?: never;
      }
  );

export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 25_000;
