import { createTestDelivery } from "@mailtrap-webhooks/receiver";
import type { PayloadFormat, WebhookEvent } from "@mailtrap-webhooks/types";
import { type DeliveryKind, exampleEvents } from "./spec.js";

export interface DeliverTestEventsOptions {
  /** The receiver's URL, e.g. your local webhook endpoint. */
  url: string | URL;
  /** The webhook's signing secret; the delivery is signed with it like Mailtrap does. */
  secret: string;
  /** Body encoding: `json` (`{"events": [...]}`, the default) or `jsonlines`. */
  format?: PayloadFormat;
  /** Events to send. Default: the spec's example events of `kind`. */
  events?: readonly WebhookEvent[];
  /** Which examples to send when `events` is not given. Default `sending`. */
  kind?: DeliveryKind;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export interface DeliveryResult {
  /** The receiver's HTTP status. Mailtrap treats anything but 200 as a failure and retries. */
  status: number;
  /** The receiver's response body, as text. */
  body: string;
  /** The events that were sent. */
  events: readonly WebhookEvent[];
}

/** POSTs one signed delivery to a receiver, exactly as Mailtrap would, and reports its answer. */
export async function deliverTestEvents(options: DeliverTestEventsOptions): Promise<DeliveryResult> {
  const { secret, format = "json", kind = "sending" } = options;
  const events = options.events ?? exampleEvents(kind);
  const request = await createTestDelivery(events, { secret, format, url: String(options.url) });
  const send = options.fetch ?? fetch;
  const response = await send(request, options.signal ? { signal: options.signal } : undefined);
  return { status: response.status, body: await response.text(), events };
}
