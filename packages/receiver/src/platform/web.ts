/**
 * The portable platform: Web Crypto (Bun, Deno, workers, browsers). Web Crypto cannot hash
 * a body chunk by chunk, so the streaming MAC signs the whole body once it has arrived.
 */
import type { Platform } from "./types.js";

const encoder = new TextEncoder();
// fatal: invalid UTF-8 throws instead of turning into U+FFFD. A BOM is dropped by default.
const decoder = new TextDecoder("utf-8", { fatal: true });

// Importing a key costs more than the HMAC itself for webhook-sized bodies.
const keyCache = new Map<string, Promise<CryptoKey>>();
const KEY_CACHE_LIMIT = 16;

function importKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  const cacheKey = `${usage}:${secret}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      usage,
    ]);
    keyCache.set(cacheKey, key);
    // A failed import must not stay cached.
    key.catch(() => keyCache.delete(cacheKey));
  }
  return key;
}

const bytesOf = (body: string | Uint8Array) =>
  (typeof body === "string" ? encoder.encode(body) : body) as Uint8Array<ArrayBuffer>;

async function matchesAny(body: string | Uint8Array, expected: Uint8Array, secrets: readonly string[]) {
  const bytes = bytesOf(body);
  for (const secret of secrets) {
    // subtle.verify compares in constant time inside the platform.
    const key = await importKey(secret, "verify");
    if (await crypto.subtle.verify("HMAC", key, expected as Uint8Array<ArrayBuffer>, bytes)) return true;
  }
  return false;
}

// Value of one hex digit from its char code, for 0-9, a-f and A-F (checked by the caller):
// the low nibble is the digit for 0-9, and letters (bit 6 set) add 9.
const nibble = (code: number) => (code & 0xf) + 9 * (code >> 6);

export const platform: Platform = {
  async hmacSha256(secret, body) {
    const key = await importKey(secret, "sign");
    return new Uint8Array(await crypto.subtle.sign("HMAC", key, bytesOf(body)));
  },
  matchesAny,
  startMac(secrets) {
    return { update() {}, matches: (expected, body) => matchesAny(body(), expected, secrets) };
  },
  decodeUtf8: (bytes) => decoder.decode(bytes),
  concat(chunks, size) {
    const joined = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      joined.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return joined;
  },
  hexToBytes(hex) {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) {
      out[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
    }
    return out;
  },
};
