/**
 * Sends batches to webhooks the way Mailtrap does: signed with the webhook's secret, in its
 * payload format, waiting `answerTimeoutMs` for an answer, and retrying anything but 200 on
 * the webhook type's schedule (scaled by `timeScale`). Every attempt lands in `log`.
 */
import { createTestDelivery } from "@mailtrap-webhooks/receiver";
import type { PayloadFormat, WebhookEvent } from "@mailtrap-webhooks/types";
import { connectionErrorMessage } from "../connection-error.js";
import { deliveryFormats } from "../deliver.js";
import { maxTimerMs } from "../timers.js";
import { type Batch, kindOfType } from "./fan-out.js";
import { nextDelayMs, retryPolicy } from "./retry-schedule.js";
import type { WebhookStore } from "./store.js";

/** One POST of one batch to one webhook, as it happened. */
export interface DeliveryAttempt {
  /** Numbers the batches of this simulator from 1; the retries of a batch share it. */
  readonly batchId: number;
  readonly webhookId: number;
  readonly accountId: number;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  /** How many attempts the webhook type's policy allows in all. */
  readonly maxAttempts: number;
  readonly url: string;
  readonly format: PayloadFormat;
  readonly events: readonly WebhookEvent[];
  /** The receiver's status, or undefined when it did not answer (refused, timed out). */
  readonly status: number | undefined;
  /** Only 200 counts as delivered, as at Mailtrap. */
  readonly ok: boolean;
  /** Why the attempt failed without a status, e.g. the timeout. */
  readonly error?: string;
  /** `Date.now()` when the attempt started, and how long it took. */
  readonly startedAt: number;
  readonly durationMs: number;
  /** When a retry is scheduled: its delay in (scaled) milliseconds. */
  readonly nextAttemptInMs: number | undefined;
  /** True when this failure was the last allowed and deactivated the webhook. */
  readonly deactivated: boolean;
}

export interface DeliveryEngineOptions {
  store: WebhookStore;
  /** Multiplies every retry delay: 1 is real time, 0.0001 makes 5 minutes 30 ms. */
  timeScale: number;
  /** How long to wait for a receiver's whole answer. Not scaled. */
  answerTimeoutMs: number;
  fetch?: typeof fetch;
  onAttempt?: (attempt: DeliveryAttempt) => void;
}

export interface DeliveryEngine {
  /** Sends the first attempt of every batch; resolves with those attempts once all are answered. */
  send(batches: readonly Batch[]): Promise<DeliveryAttempt[]>;
  readonly log: readonly DeliveryAttempt[];
  /** Resolves when no attempt is in flight or scheduled. */
  idle(): Promise<void>;
  /** Cancels scheduled retries, aborts attempts in flight and waits for them. */
  close(): Promise<void>;
}

export function createDeliveryEngine(options: DeliveryEngineOptions): DeliveryEngine {
  const { store, timeScale, answerTimeoutMs } = options;
  const log: DeliveryAttempt[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  const controllers = new Set<AbortController>();
  let idleWaiters: (() => void)[] = [];
  let lastBatchId = 0;
  let closed = false;

  const checkIdle = () => {
    if (timers.size > 0 || inFlight.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const post = async (request: Request): Promise<{ status?: number; error?: string }> => {
    // close() may have run while the delivery was being signed: it aborted the controllers
    // that existed then, not this one.
    if (closed) return { error: "the simulator closed" };
    const controller = new AbortController();
    controllers.add(controller);
    const timer = setTimeout(() => controller.abort(new Error("timeout")), answerTimeoutMs);
    try {
      const response = await (options.fetch ?? fetch)(request, { signal: controller.signal });
      // The whole answer counts, as for Mailtrap's 30 s wait; the body itself is not kept.
      await response.arrayBuffer();
      return { status: response.status };
    } catch (error) {
      if (controller.signal.aborted && !closed) return { error: `no answer within ${answerTimeoutMs} ms` };
      if (closed) return { error: "the simulator closed" };
      return {
        error:
          connectionErrorMessage(error, request.url) ??
          (error instanceof Error ? error.message : String(error)),
      };
    } finally {
      clearTimeout(timer);
      controllers.delete(controller);
    }
  };

  // One attempt of one batch; schedules the next when it fails and the policy allows one.
  const attemptBatch = async (
    batchId: number,
    batch: Batch,
    attempt: number,
  ): Promise<DeliveryAttempt | undefined> => {
    const webhook = store.find(batch.webhookId);
    // Deleted or paused meanwhile (by the user, or by retries running out): Mailtrap stops.
    if (closed || !webhook || (attempt > 1 && !webhook.active)) return undefined;
    const formats = deliveryFormats(kindOfType(webhook.webhook_type));
    const format = formats.includes(webhook.payload_format) ? webhook.payload_format : (formats[0] ?? "json");
    const policy = retryPolicy(webhook.webhook_type);
    const startedAt = Date.now();
    let outcome: { status?: number; error?: string };
    try {
      const request = await createTestDelivery(batch.events, {
        secret: webhook.signing_secret,
        format,
        url: webhook.url,
      });
      outcome = await post(request);
    } catch (error) {
      // e.g. a URL fetch cannot send to (mailto:...): a failed attempt, retried like any other.
      outcome = { error: error instanceof Error ? error.message : String(error) };
    }
    const ok = outcome.status === 200;
    const delay = ok || closed ? undefined : nextDelayMs(policy, attempt);
    const scaled =
      delay === undefined ? undefined : Math.min(maxTimerMs, Math.max(0, Math.round(delay * timeScale)));
    const deactivated = !ok && !closed && delay === undefined && policy.deactivateWhenExhausted;
    if (deactivated) store.setActive(webhook.id, false);
    const record: DeliveryAttempt = {
      batchId,
      webhookId: webhook.id,
      accountId: webhook.accountId,
      attempt,
      maxAttempts: policy.delaysMs.length + 1,
      url: webhook.url,
      format,
      events: batch.events,
      status: outcome.status,
      ok,
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
      startedAt,
      durationMs: Date.now() - startedAt,
      nextAttemptInMs: scaled,
      deactivated,
    };
    if (closed) return record;
    log.push(record);
    if (scaled !== undefined) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        track(attemptBatch(batchId, batch, attempt + 1));
      }, scaled);
      timers.add(timer);
    }
    try {
      options.onAttempt?.(record);
    } catch {
      // A failing observer must not stop deliveries.
    }
    return record;
  };

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    promise
      .finally(() => {
        inFlight.delete(promise);
        checkIdle();
      })
      .catch(() => {});
    return promise;
  };

  return {
    log,
    async send(batches) {
      if (closed) throw new Error("The simulator is closed.");
      const first = batches.map((batch) => {
        lastBatchId += 1;
        return track(attemptBatch(lastBatchId, batch, 1));
      });
      return (await Promise.all(first)).filter((attempt) => attempt !== undefined);
    },
    idle() {
      if (timers.size === 0 && inFlight.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const controller of controllers) controller.abort(new Error("closed"));
      await Promise.allSettled([...inFlight]);
      checkIdle();
    },
  };
}

function duration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

// Origin and path only: a receiver URL may carry credentials or a token in its query.
function withoutSecrets(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin === "null" ? `${parsed.protocol}…` : `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}

/**
 * One line about one attempt, for logs: which batch went where, what came back, what happens
 * next. Holds no signing secret and no event data beyond the count.
 */
export function describeAttempt(attempt: DeliveryAttempt): string {
  const outcome = attempt.status === undefined ? (attempt.error ?? "no answer") : `HTTP ${attempt.status}`;
  const next = attempt.ok
    ? "delivered"
    : attempt.nextAttemptInMs !== undefined
      ? `retry in ${duration(attempt.nextAttemptInMs)}`
      : attempt.deactivated
        ? "no retries left, webhook deactivated"
        : "no retries left";
  const where = withoutSecrets(attempt.url);
  const events = `${attempt.events.length} event${attempt.events.length === 1 ? "" : "s"}`;
  return `batch ${attempt.batchId} (${events}) → webhook ${attempt.webhookId} ${where} attempt ${attempt.attempt}/${attempt.maxAttempts}: ${outcome}, ${next}`;
}
