/**
 * The Node platform: node:crypto, synchronous and incremental. Chosen by the `node` condition
 * of the package's `#platform` import (package.json), never by looking at globals.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Platform } from "./types.js";

// A string goes to createHmac as is: node:crypto encodes it as UTF-8 natively.
const hmacSha256 = (secret: string, body: string | Uint8Array): Uint8Array =>
  createHmac("sha256", secret).update(body).digest();

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
  hexToBytes: (hex) => Buffer.from(hex, "hex"),
};
