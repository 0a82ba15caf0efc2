import type { AuditLogEvent, PayloadFormat, SendingEvent } from "@mailtrap-webhooks/types";
import { isSendingEventName } from "./events.js";
import { jsonErrorOffset, lineAndColumn, snippet } from "./json-position.js";
import { type RawBody, toBytes } from "./verify.js";

/**
 * An event whose `event` name this version does not know (Mailtrap may add kinds).
 * It is kept, not dropped, with every field as sent.
 */
export interface UnknownEvent {
  readonly event: string;
  readonly [field: string]: unknown;
}

/**
 * One parsed event, tagged by `kind`. Check `kind` first; after `kind === "sending"`,
 * `switch (item.event.event)` narrows to the generated type of each sending event.
 * (Audit-log and unknown names are open strings, so a flat union could not narrow.)
 */
export type ParsedEvent =
  | { readonly kind: "sending"; readonly event: SendingEvent }
  | { readonly kind: "audit_log"; readonly event: AuditLogEvent }
  | { readonly kind: "unknown"; readonly event: UnknownEvent };

export type ParseOptions = { contentType: string | null | undefined } | { format: PayloadFormat };

/** A delivery body that is not valid JSON / JSON Lines, or not shaped like Mailtrap events. */
export class WebhookParseError extends Error {
  override readonly name = "WebhookParseError";
  /** 1-based line (JSON Lines, and JSON when known). */
  readonly line: number | undefined;
  /** 0-based character offset into the body text (JSON syntax errors). */
  readonly position: number | undefined;

  constructor(message: string, where: { line?: number; position?: number } = {}) {
    super(message);
    this.line = where.line;
    this.position = where.position;
  }
}

const JSON_LINES_TYPES = new Set([
  "application/jsonl",
  "application/x-ndjson",
  "application/x-jsonlines",
  "application/jsonlines",
]);

/** The payload format a `Content-Type` header announces, or undefined for anything else. */
export function formatFromContentType(contentType: string | null | undefined): PayloadFormat | undefined {
  if (typeof contentType !== "string") return undefined;
  const mediaType = contentType.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "application/json") return "json";
  if (JSON_LINES_TYPES.has(mediaType)) return "jsonlines";
  return undefined;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

function toText(rawBody: RawBody): string {
  if (typeof rawBody === "string") return rawBody.replace(/^\uFEFF/, "");
  const bytes = toBytes(rawBody);
  if (!bytes) throw new WebhookParseError("The body must be a string, Uint8Array or ArrayBuffer.");
  try {
    return decoder.decode(bytes); // also drops a UTF-8 BOM
  } catch {
    throw new WebhookParseError("The body is not valid UTF-8. Pass the request bytes through unchanged.");
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function classify(value: unknown, where: string, line?: number): ParsedEvent {
  if (!isObject(value) || typeof value.event !== "string") {
    throw new WebhookParseError(
      `${where} is not an event: expected a JSON object with a string "event" field, got ${snippet(JSON.stringify(value) ?? String(value))}.`,
      line === undefined ? {} : { line },
    );
  }
  if (isSendingEventName(value.event)) return { kind: "sending", event: value as unknown as SendingEvent };
  if (isObject(value.actor) && typeof value.description === "string") {
    return { kind: "audit_log", event: value as unknown as AuditLogEvent };
  }
  return { kind: "unknown", event: value as UnknownEvent };
}

function syntaxError(text: string, label: string, fix: string, line?: number): WebhookParseError {
  const offset = jsonErrorOffset(text);
  const at = Math.max(offset, 0);
  const where = lineAndColumn(text, at);
  const place =
    line === undefined
      ? `position ${at} (line ${where.line}, column ${where.column})`
      : `column ${where.column}`;
  return new WebhookParseError(`${label} is not valid JSON at ${place}, near ${snippet(text, at)}. ${fix}`, {
    line: line ?? where.line,
    position: at,
  });
}

function parseJson(text: string): ParsedEvent[] {
  if (text.trim() === "") throw new WebhookParseError('The JSON body is empty; expected {"events": [...]}.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw syntaxError(text, "The body", "Check that the raw request body reaches the parser unmodified.");
  }
  if (!isObject(body) || !Array.isArray(body.events)) {
    throw new WebhookParseError(
      `Expected a JSON object with an "events" array, got ${snippet(text)}. If this webhook uses payload_format "jsonlines", parse with { format: "jsonlines" }.`,
    );
  }
  return body.events.map((event, index) => classify(event, `events[${index}]`));
}

function parseJsonLines(text: string): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") continue; // trailing newline(s) and blank separator lines
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw syntaxError(
        line,
        `Line ${index + 1}`,
        "Each line must hold exactly one JSON event object.",
        index + 1,
      );
    }
    events.push(classify(value, `Line ${index + 1}`, index + 1));
  }
  return events;
}

/**
 * Parses a delivery body: JSON `{"events": [...]}` or JSON Lines (one event per line),
 * chosen by `contentType` (a `Content-Type` header value) or an explicit `format`.
 * Tolerates a UTF-8 BOM, CRLF line ends and blank lines. Fields are not validated beyond
 * `event`: verify the signature first, and the body is what Mailtrap sent.
 *
 * @throws WebhookParseError naming the line (JSON Lines) or position (JSON) at fault.
 */
export function parseEvents(rawBody: RawBody, options: ParseOptions): ParsedEvent[] {
  const format = "format" in options ? options.format : formatFromContentType(options.contentType);
  if (format !== "json" && format !== "jsonlines") {
    const given =
      "format" in options
        ? `format ${String(options.format)}`
        : `content type ${snippet(String(options.contentType))}`;
    throw new WebhookParseError(
      `Unsupported ${given}: expected application/json or application/jsonl (JSON Lines).`,
    );
  }
  const text = toText(rawBody);
  return format === "json" ? parseJson(text) : parseJsonLines(text);
}
