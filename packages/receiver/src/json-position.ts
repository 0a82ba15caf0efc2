/**
 * Finds where JSON text stops being valid. JSON.parse messages differ between engines
 * (V8, JavaScriptCore) and some carry no position, so error messages use this instead.
 * Runs only after JSON.parse has failed. Returns -1 when the text is valid or nests too deeply
 * to scan (the recursion would overflow the stack): callers must treat -1 as "unknown".
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const skipSpace = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r"))
      i++;
  };
  const expect = (ch: string) => {
    skipSpace();
    if (text[i] !== ch) fail();
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i++;
        return;
      }
      if (code < 0x20) fail();
      if (code === 0x5c) {
        const esc = text[i + 1];
        if (esc === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else {
          i++;
          fail();
        }
      } else i++;
    }
    fail();
  };
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const container = (close: string, member: () => void) => {
    i++;
    skipSpace();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      member();
      skipSpace();
      if (text[i] === close) {
        i++;
        return;
      }
      expect(",");
    }
  };
  const value = (): void => {
    skipSpace();
    const ch = text[i];
    if (ch === "{") {
      container("}", () => {
        string();
        expect(":");
        value();
      });
    } else if (ch === "[") container("]", value);
    else if (ch === '"') string();
    else {
      const word = ["true", "false", "null"].find((w) => text.startsWith(w, i));
      if (word) i += word.length;
      else {
        number.lastIndex = i;
        if (!number.test(text)) fail();
        i = number.lastIndex;
      }
    }
  };

  try {
    value();
    skipSpace();
    if (i < text.length) fail();
    return -1;
  } catch (offset) {
    return typeof offset === "number" ? offset : -1;
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** A short excerpt of `text` around `offset` for error messages, control characters escaped. */
export function snippet(text: string, offset = 0, width = 40): string {
  const start = Math.max(0, offset - width / 2);
  const piece = text
    .slice(start, start + width)
    .replace(/\p{Cc}|[\u2028\u2029]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `\`${start > 0 ? "…" : ""}${piece}${start + width < text.length ? "…" : ""}\``;
}
