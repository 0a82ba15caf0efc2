import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonErrorOffset } from "../../src/json-position.js";

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe("jsonErrorOffset", () => {
  it("agrees with JSON.parse on valid and broken JSON", () => {
    const broken = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom("", ",", "}", "]", '"', "x", "\n", " "))
      .map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return `${text.slice(0, i)}${insert}${text.slice(i + 1)}`;
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), broken, fc.string()), (text) => {
        const offset = jsonErrorOffset(text);
        expect(offset === -1).toBe(parses(text));
        if (offset >= 0) expect(offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 3_000 },
    );
  });

  it.each([
    ['{"a": 1,}', 8],
    ["[1, 2", 5],
    ['{"a" 1}', 5],
    ["tru", 0],
    ['"\\q"', 2],
    ["01", 1],
  ])("%s fails at %i", (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});
