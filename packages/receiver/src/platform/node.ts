/**
 * The Node platform: node:crypto, synchronous and incremental. Chosen by the `node` condition
 * of the package's `#platform` import (package.json), never by looking at globals.
 */
import { isUtf8 } from "node:buffer";
import { createHmac, timingSafeEqual } from "node:crypto";
import { eventsArrayInPieces, linesOf, type Utf8View } from "./ranges.js";
import type { Platform } from "./types.js";

// A string goes to createHmac as is: node:crypto encodes it as UTF-8 natively.
const hmacSha256 = (secret: string, body: string | Uint8Array): Uint8Array =>
  createHmac("sha256", secret).update(body).digest();

const NOT_UTF8 = "The bytes are not valid UTF-8.";
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The bytes, checked to be UTF-8, read by ranges natively. */
export function utf8View(bytes: Uint8Array): Utf8View {
  if (!isUtf8(bytes)) throw new TypeError(NOT_UTF8);
  const buffer = asBuffer(bytes);
  return {
    length: buffer.length,
    text: (start, end) => buffer.toString("utf8", start, end),
    indexOf: (needle, from) => buffer.indexOf(needle, from, "latin1"),
  };
}

export const platform: Platform = {
  hmacSha256,
  matchesAny(body, expected, secrets) {
    for (const secret of secrets) if (timingSafeEqual(hmacSha256(secret, body), expected)) return true;
    return false;
  },
  startMac(secrets) {
    const macs = secrets.map((secret) => createHmac("sha256", secret));
    return {
      update(chunk) {
        for (const mac of macs) mac.update(chunk);
      },
      matches(expected) {
        let found = false;
        // Every digest is taken, matching or not, so the time does not depend on which secret matched.
        for (const mac of macs) if (timingSafeEqual(mac.digest(), expected)) found = true;
        return found;
      },
    };
  },
  // isUtf8 + toString run natively and are several times faster than a fatal TextDecoder on Node 20.
  decodeUtf8(bytes) {
    if (!isUtf8(bytes)) throw new TypeError(NOT_UTF8);
    const text = asBuffer(bytes).toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  },
  decodeUtf8Lines: (bytes) => linesOf(utf8View(bytes)),
  decodeJsonEvents: (bytes) => eventsArrayInPieces(utf8View(bytes)),
  // Buffer.concat skips the zero fill that a new Uint8Array pays for, which shows at 100+ kB.
  concat: (chunks, size) => Buffer.concat(chunks, size),
  hexToBytes: (hex) => Buffer.from(hex, "hex"),
};
