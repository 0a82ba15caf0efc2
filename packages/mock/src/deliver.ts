import { createTestDelivery } from "@mailtrap-webhooks/receiver";
import { deliveryEntries, deliveryFormats } from "@mailtrap-webhooks/spec";
import type { PayloadFormat, WebhookEvent } from "@mailtrap-webhooks/types";
import { connectionErrorCode, connectionErrorMessage } from "./connection-error.js";
import { ConnectionError, InvalidArgumentError } from "./errors.js";
import { type DeliveryKind, exampleEvents } from "./spec.js";
import { maxTimerMs } from "./timers.js";

const defaultTimeoutMs = 30_000;

export interface DeliverTestEventsOptions {
  /** The receiver's URL, e.g. your local webhook endpoint. */
  url: string | URL;
  /** The webhook's signing secret; the delivery is signed with it like Mailtrap does. */
  secret: string;
  /** Body encoding: `json` (`{"events": [...]}`, the default) or `jsonlines`. */
  format?: PayloadFormat;
  /** Events to send. Default: the spec's example events of `kind`. */
  events?: readonly WebhookEvent[];
  /**
   * Which webhook type to act as: its examples are sent when `events` is not given, and only
   * the formats it is delivered in are allowed (`inbound` is JSON only). Default `sending`.
   */
  kind?: DeliveryKind;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /**
   * How long to wait for the receiver's whole answer, in milliseconds. Default 30 000, about
   * when Mailtrap gives up on a delivery and retries it.
   */
  timeoutMs?: number;
}

export interface DeliveryResult {
  /** The receiver's HTTP status. Mailtrap treats anything but 200 as a failure and retries. */
  status: number;
  /** The receiver's response body, as text. */
  body: string;
  /** The events that were sent. */
  events: readonly WebhookEvent[];
}

/** The payload formats a kind of delivery comes in (from `@mailtrap-webhooks/spec`). */
export { deliveryFormats };

/** POSTs one signed delivery to a receiver, exactly as Mailtrap would, and reports its answer. */
export async function deliverTestEvents(options: DeliverTestEventsOptions): Promise<DeliveryResult> {
  const { secret, format = "json", kind = "sending", timeoutMs = defaultTimeoutMs } = options;
  // setTimeout fires at once for anything above 2^31-1 ms, so such a value cannot be honoured.
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > maxTimerMs) {
    throw new InvalidArgumentError(
      "timeoutMs",
      `timeoutMs must be a whole number from 1 to ${maxTimerMs}, got ${timeoutMs}`,
    );
  }
  // Mailtrap never sends a kind in a format its webhooks do not offer, so neither does this.
  const formats = deliveryFormats(kind);
  if (formats.length === 0) {
    throw new InvalidArgumentError(
      "kind",
      `kind must be one of ${Object.keys(deliveryEntries).join(", ")}, got ${kind}`,
    );
  }
  if (!formats.includes(format)) {
    throw new InvalidArgumentError(
      "format",
      `${kind} deliveries come as ${formats.join(" or ")} only, not ${format}`,
    );
  }
  const events = options.events ?? exampleEvents(kind);
  const request = await createTestDelivery(events, { secret, format, url: String(options.url) });
  const send = options.fetch ?? fetch;

  // One signal for both the caller's abort and the timeout, linked by hand because
  // AbortSignal.any is missing from early Node 20 releases.
  const controller = new AbortController();
  const timeout = new Error(
    `The receiver did not answer within ${timeoutMs} ms; Mailtrap would retry this delivery.`,
  );
  timeout.name = "TimeoutError";
  const onCallerAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener("abort", onCallerAbort, { once: true });
  const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
  // Also settles when a custom fetch ignores its signal.
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(controller.signal.reason);
    if (controller.signal.aborted) fail();
    else controller.signal.addEventListener("abort", fail, { once: true });
  });
  aborted.catch(() => {});
  try {
    const response = await Promise.race([send(request, { signal: controller.signal }), aborted]);
    const body = await Promise.race([response.text(), aborted]);
    return { status: response.status, body, events };
  } catch (error) {
    if (controller.signal.reason === timeout) throw timeout;
    const unreachable = controller.signal.aborted ? undefined : connectionErrorMessage(error, request.url);
    if (unreachable === undefined) throw error;
    // "fetch failed" says nothing; the cause and the host do.
    throw new ConnectionError(`The delivery ${unreachable}`, connectionErrorCode(error), { cause: error });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCallerAbort);
  }
}
