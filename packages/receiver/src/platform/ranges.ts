/**
 * Reading a body a range of bytes at a time, for runtimes that decode a range natively (Node),
 * so that a large body never becomes one string: V8 puts a string over 128 kB in pages of its
 * own, which on some machines costs about 1 ms to allocate, 100 times one just under. A
 * 500-event delivery is about 165 kB: as one string it costs more to allocate than to parse.
 */

/** UTF-8 bytes, already checked, read by ranges. */
export interface Utf8View {
  /** In bytes. */
  readonly length: number;
  /** The text of bytes `start` to `end` (exclusive). A character cut at either end becomes U+FFFD. */
  text(start: number, end: number): string;
  /** Where `needle` (ASCII) next starts, at or after byte `from`; -1 when nowhere. */
  indexOf(needle: string, from: number): number;
}

/** Bytes to skip at the start: 3 for a UTF-8 BOM. */
const bomLength = (view: Utf8View) => (view.length >= 3 && view.text(0, 3) === "\uFEFF" ? 3 : 0);

/**
 * The lines of the text (after a BOM), as its split("\n") gives them, decoded one at a time.
 * "\n" is never part of a multi-byte character, so each line is whole.
 */
export function linesOf(view: Utf8View): string[] {
  const lines: string[] = [];
  let start = bomLength(view);
  for (let end = view.indexOf("\n", start); end !== -1; end = view.indexOf("\n", start)) {
    lines.push(view.text(start, end));
    start = end + 1;
  }
  lines.push(view.text(start, view.length));
  return lines;
}

/*
 * The `events` array of a JSON delivery, parsed a piece at a time.
 *
 * The body must be laid out as Mailtrap sends it, `{"events":[{...},{...}]}` with no space
 * between elements. A piece starts where an element starts and ends before a `,{` that
 * follows a `}` at least PIECE_BYTES later, and is parsed as the elements of an array. A cut
 * inside a string or a nested value cannot give valid JSON (the piece is scanned from the
 * same state as in the whole body, and ends in that string or value), so the piece grows to
 * the next candidate instead. Anything else (another layout, invalid JSON, too many regrown
 * pieces) gives undefined, and the caller parses the whole text, which also words the error.
 */
// Of text that may be two bytes per character in V8: at most 64 kB as a string.
const PIECE_BYTES = 32 * 1024;
const MAX_REGROWN = 8;
// Both are ASCII, so their length in characters is their length in bytes.
const HEAD = /^[ \t\r\n]*\{[ \t\r\n]*"events"[ \t\r\n]*:[ \t\r\n]*\[[ \t\r\n]*/;
const TAIL = /[ \t\r\n]*\][ \t\r\n]*\}[ \t\r\n]*$/;
const PEEK_BYTES = 64;

/**
 * The elements of the body's `events` array, or undefined when this way cannot parse it.
 * `pieceBytes` is for tests, which cut small bodies too.
 */
export function eventsArrayInPieces(view: Utf8View, pieceBytes = PIECE_BYTES): unknown[] | undefined {
  const { length } = view;
  const start = bomLength(view);
  const head = HEAD.exec(view.text(start, Math.min(length, start + PEEK_BYTES)));
  if (!head) return undefined;
  const first = start + head[0].length;
  const tail = TAIL.exec(view.text(Math.max(first, length - PEEK_BYTES), length));
  if (!tail) return undefined;
  const end = length - tail[0].length;

  const events: unknown[] = [];
  let regrown = 0;
  let pieceStart = first;
  let from = first + pieceBytes;
  while (pieceStart < end) {
    const cut = view.indexOf("},{", from);
    const pieceEnd = cut === -1 || cut + 1 >= end ? end : cut + 1;
    let piece: unknown[];
    try {
      piece = JSON.parse(`[${view.text(pieceStart, pieceEnd)}]`);
    } catch {
      if (pieceEnd === end || ++regrown > MAX_REGROWN) return undefined;
      from = cut + 1;
      continue;
    }
    for (const value of piece) events.push(value);
    pieceStart = pieceEnd + 1; // past the ","
    from = pieceStart + pieceBytes;
  }
  return events;
}
