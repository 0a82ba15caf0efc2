// 2. Signature verification at 1 KB, 64 KB and 1 MB: our verifySignature against raw
// node:crypto, the official client's verifyWebhookSignature and a plain Web Crypto version.
import { createHmac, timingSafeEqual } from "node:crypto";
import { verifySignature } from "@mailtrap-webhooks/receiver";
import { verifyWebhookSignature } from "mailtrap";
import { signedBody } from "./fixtures.mjs";
import { calibrate, interleaved, now, summarize } from "./stats.mjs";

export const SIZES = /** @type {const} */ ([
  ["1 KB", 1024],
  ["64 KB", 64 * 1024],
  ["1 MB", 1024 * 1024],
]);

export const VERIFIERS = /** @type {const} */ ([
  ["hmac", "node:crypto createHmac + timingSafeEqual"],
  ["ours", "@mailtrap-webhooks/receiver verifySignature"],
  ["mailtrap", "mailtrap (official) verifyWebhookSignature"],
  ["webcrypto", "Web Crypto importKey + sign, hex compare"],
]);

/** At 1 KB only: createHmac with the expected bytes decoded two ways, to price the decoding. */
export const VERIFY_DIAGNOSTICS = /** @type {const} */ ([
  ["hmac-parseint", "createHmac + hex decoded by slice/parseInt (verify.ts before the fix)"],
  ["hmac-charcode", "createHmac + hex decoded from char codes (verify.ts now)"],
]);

const encoder = new TextEncoder();

/** Hex to bytes the way verify.ts did it before the fix: slice + parseInt per byte. @param {string} hex */
function hexByParseInt(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Hex (already checked to be [0-9a-fA-F]) to bytes from char codes, as verify.ts does now. @param {string} hex */
function hexByCharCode(hex) {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0, j = 0; i < out.length; i++, j += 2) {
    const hi = hex.charCodeAt(j);
    const lo = hex.charCodeAt(j + 1);
    out[i] = (((hi & 0xf) + 9 * (hi >> 6)) << 4) | ((lo & 0xf) + 9 * (lo >> 6));
  }
  return out;
}

/** @param {ArrayBuffer} buffer */
function toHex(buffer) {
  const bytes = new Uint8Array(buffer);
  let out = "";
  for (let i = 0; i < bytes.length; i++)
    out += /** @type {number} */ (bytes[i] + 0x100).toString(16).slice(1);
  return out;
}

/**
 * Each returns how many of `n` checks said "valid" (all must), and the time taken.
 * @param {Buffer} body @param {string} secret @param {string} signature
 * @returns {Record<(typeof VERIFIERS)[number][0] | (typeof VERIFY_DIAGNOSTICS)[number][0], (n: number) => Promise<number>>}
 */
function runners(body, secret, signature) {
  let valid = 0;
  /** @param {number} n @param {number} t0 */
  const done = (n, t0) => {
    const ms = now() - t0;
    if (valid !== n) throw new Error(`a verifier rejected a valid signature (${valid}/${n})`);
    valid = 0;
    return ms;
  };
  return {
    async hmac(n) {
      const t0 = now();
      for (let i = 0; i < n; i++) {
        const expected = Buffer.from(signature, "hex");
        const actual = createHmac("sha256", secret).update(body).digest();
        if (expected.length === actual.length && timingSafeEqual(actual, expected)) valid++;
      }
      return done(n, t0);
    },
    async "hmac-parseint"(n) {
      const t0 = now();
      for (let i = 0; i < n; i++) {
        const expected = hexByParseInt(signature);
        if (timingSafeEqual(createHmac("sha256", secret).update(body).digest(), expected)) valid++;
      }
      return done(n, t0);
    },
    async "hmac-charcode"(n) {
      const t0 = now();
      for (let i = 0; i < n; i++) {
        const expected = hexByCharCode(signature);
        if (timingSafeEqual(createHmac("sha256", secret).update(body).digest(), expected)) valid++;
      }
      return done(n, t0);
    },
    async ours(n) {
      const t0 = now();
      for (let i = 0; i < n; i++) if (await verifySignature(body, signature, secret)) valid++;
      return done(n, t0);
    },
    async mailtrap(n) {
      const t0 = now();
      for (let i = 0; i < n; i++) if (verifyWebhookSignature(body, signature, secret)) valid++;
      return done(n, t0);
    },
    async webcrypto(n) {
      const t0 = now();
      for (let i = 0; i < n; i++) {
        const key = await crypto.subtle.importKey(
          "raw",
          encoder.encode(secret),
          { name: "HMAC", hash: "SHA-256" },
          false,
          ["sign"],
        );
        const mac = toHex(
          await crypto.subtle.sign("HMAC", key, /** @type {Uint8Array<ArrayBuffer>} */ (body)),
        );
        // Hex strings of equal length; a plain compare (not constant time) is the naive baseline.
        if (mac === signature) valid++;
      }
      return done(n, t0);
    },
  };
}

/** @param {{ rounds: number, warmup: number, roundMs: number, smoke: boolean }} options */
export async function benchVerify({ rounds, warmup, roundMs, smoke }) {
  /** @type {Record<string, any>} */
  const results = {};
  for (const [size, bytes] of SIZES) {
    const { body, secret, signature } = signedBody(bytes);
    const run = runners(body, secret, signature);
    const keys = [...VERIFIERS, ...(bytes === 1024 ? VERIFY_DIAGNOSTICS : [])];
    const counts = [];
    for (const [key] of keys) counts.push(await calibrate(run[key], roundMs, 1, smoke ? 50 : 200_000));
    const iterations = Math.max(1, Math.min(...counts));
    const { perOp, ratios } = await interleaved(
      keys.map(([key]) => ({ key, iterations, run: run[key] })),
      rounds,
      warmup,
      "hmac",
    );
    results[size] = {
      bytes,
      iterations,
      verifiers: Object.fromEntries(
        keys.map(([key, label]) => [
          key,
          {
            label,
            usPerOp: summarize((perOp[key] ?? []).map((ms) => ms * 1000)),
            mbPerSec: summarize((perOp[key] ?? []).map((ms) => bytes / 1e6 / (ms / 1000))),
            ratio: summarize(ratios[key] ?? []),
          },
        ]),
      ),
    };
  }
  return results;
}
