/**
 * trigger: one signed test delivery to a URL, as Mailtrap would send it: the spec's example
 * events of a kind, or the user's own from a file (a JSON array, a `{"events": [...]}` batch,
 * or JSON Lines).
 */
import { readFileSync } from "node:fs";
import { createTestDelivery } from "@mailtrap-webhooks/receiver";
import { type DeliveryKind, deliveryEntries, deliveryFormats, exampleEvents } from "@mailtrap-webhooks/spec";
import type { PayloadFormat, WebhookEvent } from "@mailtrap-webhooks/types";
import { CliError } from "./failure.js";
import { info, pc, printJson } from "./output.js";

export const deliveryKinds = Object.keys(deliveryEntries) as DeliveryKind[];

export interface TriggerOptions {
  kind: string;
  url: string;
  secret: string | undefined;
  format?: string;
  file?: string;
  json?: boolean;
  /** How long to wait for the receiver's answer; checked by the caller (1..2^31-1). */
  timeoutMs?: number;
}

function eventsFromFile(file: string): WebhookEvent[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`${file} cannot be read (${(error as NodeJS.ErrnoException).code}).`);
  }
  try {
    const value = JSON.parse(text) as unknown;
    const events = Array.isArray(value) ? value : (value as { events?: unknown }).events;
    if (Array.isArray(events)) return events as WebhookEvent[];
    if (typeof value === "object" && value !== null) return [value as WebhookEvent];
  } catch {
    // Not one JSON value: read it as JSON Lines below.
  }
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.map((line, index) => {
    try {
      return JSON.parse(line) as WebhookEvent;
    } catch (error) {
      throw new CliError(`${file}:${index + 1}: not JSON (${(error as Error).message}).`);
    }
  });
}

export async function triggerCommand(options: TriggerOptions): Promise<number> {
  if (!deliveryKinds.includes(options.kind as DeliveryKind)) {
    throw new CliError(`KIND must be one of ${deliveryKinds.join(", ")}, got "${options.kind}".`);
  }
  const kind = options.kind as DeliveryKind;
  if (!options.secret) {
    throw new CliError("No signing secret: set MAILTRAP_WEBHOOK_SECRET (or pass --secret).");
  }
  const formats = deliveryFormats(kind);
  const format = (options.format ?? formats[0] ?? "json") as PayloadFormat;
  if (!formats.includes(format)) {
    throw new CliError(`${kind} deliveries come as ${formats.join(" or ")} only, not ${format}.`);
  }
  let url: URL | undefined;
  try {
    url = new URL(options.url);
  } catch {
    // refused below
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new CliError(`--url must be an absolute http(s) URL, got "${options.url}".`);
  }
  const events = options.file ? eventsFromFile(options.file) : (exampleEvents(kind) as WebhookEvent[]);
  const request = await createTestDelivery(events, { secret: options.secret, format, url });
  const timeoutMs = options.timeoutMs ?? 30_000;
  let status: number;
  let body: string;
  try {
    const response = await fetch(request, { signal: AbortSignal.timeout(timeoutMs) });
    status = response.status;
    body = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const why =
      (error as Error).name === "TimeoutError"
        ? `no answer within ${timeoutMs} ms (--timeout-ms)`
        : (cause ?? (error as Error).message);
    throw new CliError(`Could not deliver to ${url.host}: ${why}.`);
  }
  if (options.json) printJson({ url: url.href, kind, format, events: events.length, status, body });
  else {
    const verdict = status === 200 ? pc.green(String(status)) : pc.red(String(status));
    info(
      `Sent ${events.length} ${kind} event(s) as ${format} to ${url.href}: ${verdict}${body ? ` ${body.slice(0, 200)}` : ""}`,
    );
    if (status !== 200) info("Mailtrap would retry this delivery: only 200 counts as received.");
  }
  return status === 200 ? 0 : 1;
}
