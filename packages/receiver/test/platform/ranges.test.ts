// The JSON fast path (src/platform/ranges.ts) against JSON.parse of the whole text: the same
// events or undefined, never different ones; and it must take the Mailtrap layout itself.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEvents } from "../../src/parse.js";
import { utf8View } from "../../src/platform/node.js";
import { eventsArrayInPieces } from "../../src/platform/ranges.js";
import { knownAnswer } from "../fixtures.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const viewOf = (text: string) => utf8View(utf8(text));
const body = (events: unknown[]) => JSON.stringify({ events });
const event = JSON.parse(knownAnswer.payload);

// Every "},{" here that is not between two events must make the piece before it invalid.
const traps = [
  { ...event, category: "},{" },
  { ...event, category: '"},{"', custom_variables: { note: "\\\\},{\\" } },
  { ...event, custom_variables: { list: [{ a: 1 }, { b: [{}, {}] }], x: {} } },
  { ...event, email: "é€🎉@example.com", category: "多字节},{" },
  { ...event, event_id: `${"x".repeat(40)}\\"},{"` },
];

describe("a UTF-8 view over Node bytes", () => {
  it("decodes a range and finds an ASCII needle, within a view's own bounds", () => {
    const view = utf8View(utf8("xx\uFEFFa\né🎉\nb").subarray(2));
    expect(view.length).toBe(13);
    expect(view.text(0, view.length)).toBe("\uFEFFa\né🎉\nb");
    expect(view.indexOf("\n", 0)).toBe(4);
    expect(view.indexOf("\n", 5)).toBe(11);
    expect(view.indexOf("\n", 12)).toBe(-1);
    expect(view.text(5, 11)).toBe("é🎉");
  });

  it("throws on bytes that are not UTF-8", () => {
    expect(() => utf8View(new Uint8Array([0x7b, 0x7d, 0x0a, 0xc3]))).toThrow(TypeError);
  });
});

describe("JSON bodies parsed in pieces", () => {
  it("gives the events JSON.parse gives, or leaves the body to it, wherever it cuts", () => {
    const events = Array.from({ length: 60 }, (_, i) => traps[i % traps.length]);
    const text = body(events);
    for (const pieceBytes of [1, 50, 400, 2000]) {
      const pieces = eventsArrayInPieces(viewOf(text), pieceBytes);
      if (pieces !== undefined) expect(pieces, `pieceBytes ${pieceBytes}`).toEqual(events);
    }
    expect(eventsArrayInPieces(viewOf(text))).toEqual(events);
  });

  it("grows a piece cut inside a string or a nested value to the next cut", () => {
    for (const trap of traps) {
      const events = [trap, event, trap, event];
      // A cut is looked for from the piece's third byte on: the first "},{" is inside the trap.
      expect(eventsArrayInPieces(viewOf(body(events)), 2)).toEqual(events);
    }
  });

  it("takes Mailtrap's layout at the real piece size, a 500-event body included", () => {
    const events = Array.from({ length: 500 }, (_, i) => ({ ...event, event_id: `id-${i}` }));
    expect(eventsArrayInPieces(viewOf(body(events)))).toEqual(events);
    expect(eventsArrayInPieces(viewOf(body([])))).toEqual([]);
    expect(eventsArrayInPieces(viewOf(` \r\n{ "events" :\t[ ${knownAnswer.payload} ] }\n`))).toEqual([event]);
    expect(eventsArrayInPieces(viewOf(`\uFEFF${body([event])}`))).toEqual([event]);
  });

  it.each([
    ["another key after events", `{"events":[${knownAnswer.payload}],"more":[{"a":1},{"b":2}]}`],
    ["another key first", `{"id":1,"events":[${knownAnswer.payload}]}`],
    ["events twice", `{"events":[{"a":1},{"b":2}],"events":[{"c":3}]}`],
    ["a bare array", `[${knownAnswer.payload}]`],
    ["an unclosed array", `{"events":[{"a":1},{"b":2}}`],
    ["an extra bracket", `{"events":[{"a":1},{"b":2}]]}`],
    ["a trailing comma", `{"events":[{"a":1},{"b":2},]}`],
    ["an empty body", ""],
  ])("leaves %s to the whole-text parse", (_label, text) => {
    for (const pieceBytes of [1, 1 << 15])
      expect(eventsArrayInPieces(viewOf(text), pieceBytes)).toBeUndefined();
  });

  it("gives up on a body that keeps cutting inside values, rather than parse it again and again", () => {
    const nested = { ...event, custom_variables: { list: Array.from({ length: 20 }, () => ({})) } };
    expect(eventsArrayInPieces(viewOf(body([nested, nested])), 1)).toBeUndefined();
  });

  it("never disagrees with JSON.parse", () => {
    const element = fc.oneof(fc.object(), fc.jsonValue());
    fc.assert(
      fc.property(fc.array(element, { maxLength: 12 }), fc.integer({ min: 1, max: 300 }), (events, cut) => {
        const text = body(events);
        const pieces = eventsArrayInPieces(viewOf(text), cut);
        if (pieces !== undefined) expect(pieces).toEqual(JSON.parse(text).events);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ["json", body(Array.from({ length: 400 }, (_, i) => traps[i % traps.length]))],
    ["json", body([...Array.from({ length: 300 }, () => event), 42])],
    ["json", JSON.stringify({ events: Array.from({ length: 300 }, () => event) }, null, 2)],
    ["json", `\uFEFF${body(Array.from({ length: 300 }, () => event)).slice(0, -2)},{"event":]}`],
    ["jsonlines", `\uFEFF${knownAnswer.payload}\r\n\n{"event":"多字节","x":"🎉"}\n`],
    ["jsonlines", `\n${knownAnswer.payload}\n{"event":1}\n`],
    ["jsonlines", `${knownAnswer.payload}\n{"event":"é",]\n`],
  ] as const)("parses %s bytes as it parses their text, errors included", (format, text) => {
    const outcome = (input: string | Uint8Array) => {
      try {
        return parseEvents(input, { format });
      } catch (error) {
        return { error: String(error), ...(error as object) };
      }
    };
    expect(outcome(utf8(text))).toEqual(outcome(text));
  });
});
