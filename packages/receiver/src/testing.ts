import type { PayloadFormat, WebhookEvent } from "@mailtrap-webhooks/types";
import { InvalidArgumentError } from "./errors.js";
import { JSON_LINES_TYPE, JSON_TYPE, type UnknownEvent } from "./parse.js";
import { platform } from "./platform/current.js";
import { normalizeSecrets, type RawBody, SIGNATURE_HEADER, toBytes } from "./verify.js";

/** The signature Mailtrap would send for `body`: lowercase hex HMAC-SHA256 under `secret`. */
export async function signPayload(body: RawBody, secret: string): Promise<string> {
  // normalizeSecrets throws unless it returns at least one secret.
  const key = normalizeSecrets(secret)[0] as string;
  const bytes = typeof body === "string" ? body : toBytes(body);
  if (bytes === undefined)
    throw new InvalidArgumentError("body", "signPayload: body must be a string, Uint8Array or ArrayBuffer.");
  let hex = "";
  for (const byte of await platform.hmacSha256(key, bytes)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

export interface TestDeliveryOptions {
  /** The webhook's signing secret. */
  secret: string;
  /** `json` (`{"events": [...]}`, the default) or `jsonlines` (one event per line). */
  format?: PayloadFormat;
  /** Where the request goes. Default `http://localhost/webhooks/mailtrap`. */
  url?: string | URL;
}

/** The body Mailtrap would send for `events` (sending, campaign, audit-log or inbound) in `format`. */
export function serializeEvents(
  events: readonly (WebhookEvent | UnknownEvent)[],
  format: PayloadFormat = "json",
): string {
  if (format === "jsonlines") return events.map((event) => `${JSON.stringify(event)}\n`).join("");
  return JSON.stringify({ events });
}

/**
 * A signed delivery of `events` (any kind, e.g. the generated `InboundEvent`), as Mailtrap would
 * POST it: the right content type and a `Mailtrap-Signature` header. Hand it to your handler,
 * or `fetch()` it to a running server. Inbound webhooks only ever send `json`.
 */
export async function createTestDelivery(
  events: readonly (WebhookEvent | UnknownEvent)[],
  options: TestDeliveryOptions,
): Promise<Request> {
  const format = options.format ?? "json";
  const body = serializeEvents(events, format);
  return new Request(options.url ?? "http://localhost/webhooks/mailtrap", {
    method: "POST",
    headers: {
      "content-type": format === "jsonlines" ? JSON_LINES_TYPE : JSON_TYPE,
      [SIGNATURE_HEADER]: await signPayload(body, options.secret),
    },
    body,
  });
}
