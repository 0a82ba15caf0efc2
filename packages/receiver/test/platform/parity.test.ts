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

// Only Node decodes line by line; everywhere else parse.ts splits the whole text. Both must agree.
describe("node platform, line by line", () => {
  const decodeUtf8Lines = node.decodeUtf8Lines ?? (() => []);

  it("gives the lines of the whole text split at \\n, BOM and multi-byte characters included", () => {
    const bodies = [
      '\uFEFF{"a":1}\n{"b":"é"}\r\n\n',
      "\uFEFF",
      "",
      "\n",
      'no newline at the end {"c":"\uFEFF"}',
      "\n\uFEFF second line starts with a BOM\n",
      "多字节\n🎉\r\n",
    ];
    for (const body of bodies) {
      expect(decodeUtf8Lines(utf8(body))).toEqual(web.decodeUtf8(utf8(body)).split("\n"));
    }
    expect(decodeUtf8Lines(utf8("x\ny\nz").subarray(2, 3))).toEqual(["y"]);
  });

  it("throws on lines that are not UTF-8", () => {
    expect(() => decodeUtf8Lines(new Uint8Array([0x7b, 0x7d, 0x0a, 0xc3]))).toThrow(TypeError);
  });
});
