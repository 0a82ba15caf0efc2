/**
 * The `events` array of a JSON delivery, parsed from its bytes a piece at a time so that no
 * string reaches V8's 128 kB large-object size (see `Platform.utf8View`). A 500-event delivery
 * is about 165 kB; as one string it costs more to allocate than to parse on some machines.
 *
 * The body must be laid out as Mailtrap sends it, `{"events":[{...},{...}]}` with no space
 * between elements. A piece starts where an element starts and ends before a `,{` that
 * follows a `}` at least PIECE_BYTES later, and is parsed as the elements of an array. A cut
 * inside a string or a nested value cannot give valid JSON (the piece is scanned from the
 * same state as in the whole body, and ends in that string or value), so the piece grows to
 * the next candidate instead. Anything else (another layout, invalid JSON, too many regrown
 * pieces) gives undefined, and the caller parses the whole text, which also words the error.
 */
import type { Utf8View } from "./platform/types.js";

// Of text that may be two bytes per character in V8: at most 64 kB as a string.
const PIECE_BYTES = 32 * 1024;
const MAX_REGROWN = 8;
// Both are ASCII, so their length in characters is their length in bytes.
const HEAD = /^[ \t\r\n]*\{[ \t\r\n]*"events"[ \t\r\n]*:[ \t\r\n]*\[[ \t\r\n]*/;
const TAIL = /[ \t\r\n]*\][ \t\r\n]*\}[ \t\r\n]*$/;
const PEEK_BYTES = 64;

/**
 * The elements of the body's `events` array (the body starting at byte `start`), or undefined
 * when this way cannot parse it. `pieceBytes` is for tests, which cut small bodies too.
 */
export function eventsArrayInPieces(
  view: Utf8View,
  start: number,
  pieceBytes = PIECE_BYTES,
): unknown[] | undefined {
  const { length } = view;
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
