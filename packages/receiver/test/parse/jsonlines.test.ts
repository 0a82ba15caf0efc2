import { describe, expect, it } from "vitest";
import { formatFromContentType, parseEvents, WebhookParseError } from "../../src/parse.js";
import { knownAnswer } from "../fixtures.js";

const line = knownAnswer.payload;
const event = JSON.parse(line);
const jsonl = { format: "jsonlines" } as const;

function parseError(body: string, options: Parameters<typeof parseEvents>[1]): WebhookParseError {
  try {
    parseEvents(body, options);
  } catch (error) {
    if (error instanceof WebhookParseError) return error;
    throw error;
  }
  throw new Error("expected a WebhookParseError");
}

describe("JSON Lines bodies", () => {
  it.each([
    ["LF", `${line}\n${line}`],
    ["CRLF", `${line}\r\n${line}\r\n`],
    ["a trailing newline", `${line}\n${line}\n`],
    ["several trailing newlines", `${line}\n${line}\n\n\r\n`],
    ["a blank line in the middle", `${line}\n\n  \n${line}`],
    ["a UTF-8 BOM in a string", `\uFEFF${line}\n${line}`],
  ])("tolerates %s", (_label, body) => {
    const parsed = parseEvents(body, jsonl);
    expect(parsed).toEqual([
      { kind: "sending", event },
      { kind: "sending", event },
    ]);
  });

  it("tolerates a UTF-8 BOM in bytes", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`${line}\r\n`)]);
    expect(parseEvents(bytes, jsonl)).toEqual([{ kind: "sending", event }]);
    expect(parseEvents(bytes.buffer, { contentType: "application/x-ndjson" })).toHaveLength(1);
  });

  it("names line 3 when line 3 is bad, with the column and a snippet", () => {
    const error = parseError(`${line}\r\n${line}\r\n{"event": "delivery", oops}\r\n${line}`, jsonl);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^Line 3 is not valid JSON at column 23, near `.*oops/);
    expect(error.message).toContain("one JSON event object");
  });

  it("gives position as the offset in the whole body, not in the bad line", () => {
    const body = `${line}\r\n${line}\r\n{"event": "delivery", oops}\r\n${line}`;
    const error = parseError(body, jsonl);
    expect(error.position).toBe(2 * (line.length + 2) + 22);
    expect(body.slice(error.position)).toMatch(/^oops/);
  });

  it("gives the same line and position for bytes as for the text, multi-byte characters included", () => {
    const body = `\uFEFF{"event":"délivery 🎉"}\r\n${line}\n{"event": "delivery", oops}\n`;
    const fromText = parseError(body, jsonl);
    const fromBytes = parseError(new TextEncoder().encode(body) as unknown as string, jsonl);
    expect([fromBytes.line, fromBytes.position, fromBytes.message]).toEqual([
      fromText.line,
      fromText.position,
      fromText.message,
    ]);
    expect(body.slice(1).slice(fromBytes.position)).toMatch(/^oops/);
  });

  it("names the line of an event nested too deeply to describe, as a WebhookParseError", () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const error = parseError(`${line}\n${deep}\n`, jsonl);
    expect(error.line).toBe(2);
    expect(error.message).toContain("got an array of 1 item");
  });

  it("counts blank lines when naming the bad line", () => {
    expect(parseError(`${line}\n\n[1,2]\n`, jsonl).line).toBe(3);
  });

  it("rejects a line that is JSON but not an event", () => {
    const error = parseError(`${line}\n{"no_event": true}\n`, jsonl);
    expect(error.line).toBe(2);
    expect(error.message).toContain('string "event" field');
  });

  it("truncates a long bad line in the message", () => {
    const long = `{"event": "delivery", "note": "${"x".repeat(5000)}", }`;
    const error = parseError(long, jsonl);
    expect(error.message.length).toBeLessThan(300);
  });

  it("rejects bytes that are not UTF-8", () => {
    expect(parseError(new Uint8Array([0x7b, 0xff, 0x7d]) as unknown as string, jsonl).message).toContain(
      "UTF-8",
    );
  });
});

describe("JSON bodies", () => {
  it("names the position of a syntax error", () => {
    const error = parseError('{"events": [\n  {"event": "delivery",}\n]}', {
      contentType: "application/json",
    });
    expect(error.position).toBe(36);
    expect(error.line).toBe(2);
    expect(error.message).toContain("position 36 (line 2, column 24)");
  });

  it("explains a body without an events array, pointing at JSON Lines", () => {
    const error = parseError(line, { format: "json" });
    expect(error.message).toContain('"events" array');
    expect(error.message).toContain("jsonlines");
  });

  it("names the index of a non-event entry", () => {
    expect(parseError('{"events": [{"event": "open"}, 7]}', { format: "json" }).message).toMatch(
      /^events\[1\]/,
    );
  });

  it("rejects an empty body", () => {
    expect(parseError("", { format: "json" }).message).toContain("empty");
  });

  it("rejects deeply nested events with a short WebhookParseError, not a RangeError", () => {
    const body = `{"events":[${"[".repeat(20_000)}${"]".repeat(20_000)}]}`;
    const error = parseError(body, { format: "json" });
    expect(error.message).toMatch(/^events\[0\] is not an event: .* got an array of 1 item\.$/);
    expect(error.message.length).toBeLessThan(200);
  });

  it("says the position is unknown when the JSON nests too deeply to scan", () => {
    const error = parseError(`{"events":[${"[".repeat(20_000)}`, { format: "json" });
    expect(error.position).toBeUndefined();
    expect(error.line).toBeUndefined();
    expect(error.message).toContain("too deeply");
    expect(error.message).not.toMatch(/position|column/);
  });
});

describe("bodies in detached buffers", () => {
  it.each([
    ["ArrayBuffer", (buffer: ArrayBuffer) => buffer],
    ["Uint8Array", (buffer: ArrayBuffer) => new Uint8Array(buffer)],
    ["DataView", (buffer: ArrayBuffer) => new DataView(buffer) as unknown as ArrayBuffer],
  ])("throw a WebhookParseError for a detached %s", (_label, wrap) => {
    const buffer = new TextEncoder().encode(JSON.stringify({ events: [event] })).buffer;
    const body = wrap(buffer);
    structuredClone(buffer, { transfer: [buffer] }); // moves the memory; `buffer` is now detached
    expect(parseError(body as unknown as string, { format: "json" }).message).toContain("detached");
  });
});

describe("content types", () => {
  it.each([
    ["application/json", "json"],
    ["Application/JSON; charset=utf-8", "json"],
    ["application/jsonl", "jsonlines"],
    ["application/x-ndjson", "jsonlines"],
    ["application/x-jsonlines; charset=UTF-8", "jsonlines"],
    ["application/jsonlines", "jsonlines"],
    ["text/plain", undefined],
    ["application/xml", undefined],
    ["", undefined],
    [null, undefined],
  ])("%s is %s", (contentType, format) => {
    expect(formatFromContentType(contentType)).toBe(format);
  });

  it("parseEvents rejects an unknown content type", () => {
    expect(parseError(line, { contentType: "text/plain" }).message).toContain("application/jsonl");
  });
});

describe("unknown event kinds", () => {
  it("keeps them, marked unknown, next to known ones", () => {
    const future = { event: "hard_complaint", event_id: "x1", detail: { a: 1 } };
    const parsed = parseEvents(`${line}\n${JSON.stringify(future)}\n`, jsonl);
    expect(parsed).toEqual([
      { kind: "sending", event },
      { kind: "unknown", event: future },
    ]);
  });
});
