import type {
  AuditLogEvent,
  InboundEvent,
  operations,
  PayloadFormat,
  SendingEvent,
} from "@mailtrap-webhooks/types";
import { WebhookReceiverError } from "./errors.js";
import { isSendingEventName } from "./events.js";
import { jsonErrorOffset, lineAndColumn, snippet } from "./json-position.js";
import { platform } from "./platform/current.js";
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
 * Campaign events that use a sending event's name arrive as `"sending"`; for them only
 * `event` is promised. Fields beyond the typed ones are kept as sent, for every kind.
 */
export type ParsedEvent =
  | { readonly kind: "sending"; readonly event: SendingEvent }
  | { readonly kind: "audit_log"; readonly event: AuditLogEvent }
  | { readonly kind: "inbound"; readonly event: InboundEvent }
  | { readonly kind: "unknown"; readonly event: UnknownEvent };

export type ParseOptions = { contentType: string | null | undefined } | { format: PayloadFormat };

/** A delivery body that is not valid JSON / JSON Lines, or not shaped like Mailtrap events. */
export class WebhookParseError extends WebhookReceiverError {
  override readonly name = "WebhookParseError";
  /** 1-based line (JSON Lines, and JSON when known). */
  readonly line: number | undefined;
  /**
   * 0-based character offset into the whole body text (after a BOM) of a JSON syntax error,
   * in JSON Lines too; undefined when it could not be located (e.g. nesting too deep).
   */
  readonly position: number | undefined;

  constructor(message: string, where: { line?: number; position?: number } = {}) {
    super(message);
    this.line = where.line;
    this.position = where.position;
  }
}

type DeliveryContentType = keyof operations[
  | "receiveSendingEvents"
  | "receiveAuditLogEvents"]["requestBody"]["content"];

/** Internal. The spec's media types, checked with `satisfies` so a rename there breaks the build. */
export const JSON_TYPE = "application/json" satisfies DeliveryContentType;
export const JSON_LINES_TYPE = "application/jsonl" satisfies DeliveryContentType;

// The spec's one inbound event name, tied to the generated type so a rename there breaks the build.
const INBOUND_EVENT_NAME = "inbound.message_received" satisfies InboundEvent["event"];

// The spec's JSON Lines type and the other names it goes by, all accepted.
const JSON_LINES_TYPES = new Set([
  JSON_LINES_TYPE,
  "application/x-ndjson",
  "application/x-jsonlines",
  "application/jsonlines",
]);

/** The payload format a `Content-Type` header announces, or undefined for anything else. */
export function formatFromContentType(contentType: string | null | undefined): PayloadFormat | undefined {
  if (typeof contentType !== "string") return undefined;
  const mediaType = contentType.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  if (mediaType === JSON_TYPE) return "json";
  if (JSON_LINES_TYPES.has(mediaType)) return "jsonlines";
  return undefined;
}

// The text a string body holds (a BOM dropped), or a binary body's bytes, still to decode.
function textOrBytes(rawBody: RawBody): string | Uint8Array {
  if (typeof rawBody === "string") return rawBody.replace(/^\uFEFF/, "");
  let bytes: Uint8Array | undefined;
  try {
    bytes = toBytes(rawBody);
  } catch (error) {
    throw new WebhookParseError((error as Error).message); // a detached buffer
  }
  if (!bytes) throw new WebhookParseError("The body must be a string, Uint8Array or ArrayBuffer.");
  return bytes;
}

// The platform's decoding (which also drops a UTF-8 BOM), failing as a parse error.
function decodeUtf8<T>(bytes: Uint8Array, decode: (bytes: Uint8Array) => T): T {
  try {
    return decode(bytes);
  } catch {
    throw new WebhookParseError("The body is not valid UTF-8. Pass the request bytes through unchanged.");
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// What a non-event value is, in a few words. Never JSON.stringify it: a deeply nested value
// would overflow the stack, and a large one would be serialised just to be cut to a snippet.
function describeNonEvent(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "string") return `the string ${snippet(value)}`;
  if (typeof value !== "object") return `the ${typeof value} ${snippet(String(value))}`;
  const event = (value as { event?: unknown }).event;
  if (event === undefined) return 'an object without an "event" field';
  return `an object whose "event" is ${event === null ? "null" : Array.isArray(event) ? "an array" : `a ${typeof event}`}`;
}

// `where` names the value in the body, e.g. "Line 3".
function notAnEvent(value: unknown, where: string, line?: number): WebhookParseError {
  return new WebhookParseError(
    `${where} is not an event: expected a JSON object with a string "event" field, got ${describeNonEvent(value)}.`,
    line === undefined ? {} : { line },
  );
}

/** The value tagged by kind, or undefined when it is not an event (the caller says where it is). */
function classify(value: unknown): ParsedEvent | undefined {
  if (!isObject(value) || typeof value.event !== "string") return undefined;
  if (isSendingEventName(value.event)) return { kind: "sending", event: value as unknown as SendingEvent };
  if (value.event === INBOUND_EVENT_NAME) return { kind: "inbound", event: value as unknown as InboundEvent };
  if (isObject(value.actor) && typeof value.description === "string") {
    return { kind: "audit_log", event: value as unknown as AuditLogEvent };
  }
  return { kind: "unknown", event: value as UnknownEvent };
}

// `text` is one line of a JSON Lines body when `line` is given; `lineStart` is that line's
// offset in the body, so `position` always counts from the start of the whole body.
function syntaxError(
  text: string,
  label: string,
  fix: string,
  line?: number,
  lineStart = 0,
): WebhookParseError {
  const at = jsonErrorOffset(text);
  if (at < 0) {
    // The scanner gave up (nesting too deep): say so rather than point at a made-up place.
    return new WebhookParseError(
      `${label} is not valid JSON; it nests too deeply to locate the error. ${fix}`,
      line === undefined ? {} : { line },
    );
  }
  const where = lineAndColumn(text, at);
  const place =
    line === undefined
      ? `position ${at} (line ${where.line}, column ${where.column})`
      : `column ${where.column}`;
  return new WebhookParseError(`${label} is not valid JSON at ${place}, near ${snippet(text, at)}. ${fix}`, {
    line: line ?? where.line,
    position: lineStart + at,
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
  return tagEvents(body.events);
}

// Tagged in place: the parsed array is ours, and a copy would only be more garbage.
function tagEvents(events: unknown[]): ParsedEvent[] {
  for (let index = 0; index < events.length; index++) {
    const value = events[index];
    const event = classify(value);
    if (event === undefined) throw notAnEvent(value, `events[${index}]`);
    events[index] = event;
  }
  return events as ParsedEvent[];
}

// `lines` is the body's text split at "\n".
function parseJsonLines(lines: readonly string[]): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  let lineStart = 0;
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] as string;
    const start = lineStart;
    lineStart += raw.length + 1;
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
        start,
      );
    }
    const event = classify(value);
    if (event === undefined) throw notAnEvent(value, `Line ${index + 1}`, index + 1);
    events.push(event);
  }
  return events;
}

/**
 * Parses a delivery body: JSON `{"events": [...]}` or JSON Lines (one event per line),
 * chosen by `contentType` (a `Content-Type` header value) or an explicit `format`.
 * Tolerates a UTF-8 BOM, CRLF line ends and blank lines. Fields are not validated beyond
 * `event`: verify the signature first, and the body is what Mailtrap sent.
 *
 * @throws WebhookParseError naming the line and the position in the body at fault.
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
  const body = textOrBytes(rawBody);
  if (format === "json") {
    if (typeof body === "string") return parseJson(body);
    // In pieces where the platform can; the whole text for other layouts, and to word an error.
    const events = platform.decodeJsonEvents && decodeUtf8(body, platform.decodeJsonEvents);
    return events ? tagEvents(events) : parseJson(decodeUtf8(body, (bytes) => platform.decodeUtf8(bytes)));
  }
  // From bytes the platform decodes line by line where it can, never building the whole text.
  const lines =
    typeof body === "string"
      ? body.split("\n")
      : decodeUtf8(
          body,
          (bytes) => platform.decodeUtf8Lines?.(bytes) ?? platform.decodeUtf8(bytes).split("\n"),
        );
  return parseJsonLines(lines);
}
