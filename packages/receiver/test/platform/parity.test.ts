// The Node and the portable platform give the same text and bytes, BOM and bad UTF-8 included.
import { describe, expect, it } from "vitest";
import { platform as node } from "../../src/platform/node.js";
import { platform as web } from "../../src/platform/web.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe.each([
  ["node", node],
  ["web", web],
])("%s platform", (_name, platform) => {
  it("decodes UTF-8, dropping a leading BOM only", () => {
    expect(platform.decodeUtf8(utf8('\uFEFF{"a":"é\uFEFF"}'))).toBe('{"a":"é\uFEFF"}');
    expect(platform.decodeUtf8(utf8("plain"))).toBe("plain");
    expect(platform.decodeUtf8(utf8("x").subarray(1))).toBe("");
  });

  it("throws on bytes that are not UTF-8", () => {
    expect(() => platform.decodeUtf8(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow(TypeError);
  });

  it("decodes a view into a larger buffer by its own bounds", () => {
    const bytes = utf8("ab{}cd").subarray(2, 4);
    expect(platform.decodeUtf8(bytes)).toBe("{}");
  });

  it("joins chunks in order", () => {
    const joined = platform.concat([utf8("ab"), utf8(""), utf8("cde")], 5);
    expect(Array.from(joined)).toEqual(Array.from(utf8("abcde")));
  });
});

// Only Node reads by ranges; parse.ts decodes the whole text everywhere else.
describe("node platform, by ranges", () => {
  const utf8View = node.utf8View ?? (() => expect.fail("the node platform has utf8View"));

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
