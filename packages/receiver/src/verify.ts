/**
 * Mailtrap signs each delivery with HMAC-SHA256(signing_secret, raw body bytes) as hex.
 * Web Crypto is the portable path; Node's `node:crypto` is used when present because it
 * is synchronous and several times faster for small bodies.
 */
import type { operations } from "@mailtrap-webhooks/types";

type Delivery = operations["receiveSendingEvents" | "receiveAuditLogEvents"];

/** Internal. Tied to the spec with `satisfies`: renaming the header there breaks this build. */
export const SIGNATURE_HEADER = "Mailtrap-Signature" satisfies keyof Delivery["parameters"]["header"];
/** Internal. The name one Mailtrap page uses; the spec mentions it only in a description. */
export const LEGACY_SIGNATURE_HEADER = `X-${SIGNATURE_HEADER}`;

/** A raw request body exactly as received. Decoding and re-encoding would break the signature. */
export type RawBody = string | Uint8Array | ArrayBuffer;

/** One signing secret, or several while rotating (any of them may match). */
export type SigningSecrets = string | readonly string[];

interface NodeCrypto {
  createHmac(algorithm: string, key: string): { update(data: Uint8Array): { digest(): Uint8Array } };
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}

const encoder = new TextEncoder();
const SIGNATURE_HEX = /^[0-9a-fA-F]{64}$/;

// undefined: not looked up yet; null: this runtime has none.
let nodeCrypto: NodeCrypto | null | undefined;

// Looked up lazily and never required: Workers, Deno deploy and browsers have no node:crypto.
// Synchronous where Node offers getBuiltinModule, so the hot path awaits nothing extra.
function loadNodeCrypto(): NodeCrypto | null | Promise<NodeCrypto | null> {
  if (nodeCrypto === undefined) {
    const found = findNodeCrypto();
    if (found instanceof Promise) return found;
    nodeCrypto = found;
  }
  return nodeCrypto;
}

function findNodeCrypto(): NodeCrypto | null | Promise<NodeCrypto | null> {
  const proc = (globalThis as { process?: NodeProcessLike }).process;
  if (typeof proc?.versions?.node !== "string") return null;
  try {
    const builtin = proc.getBuiltinModule?.("node:crypto");
    if (builtin) return builtin as NodeCrypto;
  } catch {
    return null;
  }
  // Node before 20.16 has no getBuiltinModule. A variable specifier keeps bundlers
  // from trying to resolve node:crypto for non-Node targets.
  const specifier = "node:crypto";
  return import(/* @vite-ignore */ specifier).then(
    (module) => {
      nodeCrypto = module as NodeCrypto;
      return nodeCrypto;
    },
    () => {
      nodeCrypto = null;
      return null;
    },
  );
}

/** Internal: lets tests run the Web Crypto path on Node. Not exported from the package. */
export function useNodeCrypto(enabled: boolean): void {
  nodeCrypto = enabled ? undefined : null;
}

interface NodeProcessLike {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

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

/**
 * The body's bytes, or undefined for anything that is not a string or binary data.
 * @throws TypeError when the buffer is detached (transferred, e.g. to a worker).
 */
export function toBytes(body: unknown): Uint8Array | undefined {
  if (typeof body === "string") return encoder.encode(body);
  try {
    if (body instanceof Uint8Array) {
      // A detached view reads as empty; a 0-byte view over it throws, telling the two apart.
      if (body.byteLength === 0) new Uint8Array(body.buffer, 0, 0);
      return body;
    }
    // toString also recognises ArrayBuffers from another realm (iframe, vm context).
    if (body instanceof ArrayBuffer || Object.prototype.toString.call(body) === "[object ArrayBuffer]") {
      return new Uint8Array(body as ArrayBuffer);
    }
    if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  } catch {
    throw new TypeError(
      "The body's ArrayBuffer is detached (it was transferred, e.g. to a worker). Pass the bytes before transferring them, or a copy.",
    );
  }
  return undefined;
}

/** Checks secrets given by the programmer (not the wire); misuse is a TypeError. */
export function normalizeSecrets(secretOrSecrets: unknown): readonly string[] {
  const list = typeof secretOrSecrets === "string" ? [secretOrSecrets] : secretOrSecrets;
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError(
      "Mailtrap webhook: give the signing secret as a string or a non-empty array of strings.",
    );
  }
  for (const secret of list) {
    if (typeof secret !== "string" || secret.length === 0) {
      throw new TypeError(
        "Mailtrap webhook: a signing secret is empty or not a string. Check its configuration.",
      );
    }
    // Typically a newline from an env file: it would fail every delivery without a word.
    // The message must not quote the secret.
    if (secret.trim() !== secret) {
      throw new TypeError(
        "Mailtrap webhook: a signing secret starts or ends with whitespace (a newline from an env file?). Trim the secret.",
      );
    }
  }
  return list as readonly string[];
}

/** HMAC-SHA256 of `bytes` keyed with `secret`, as 32 raw bytes. */
export async function hmacSha256(secret: string, bytes: Uint8Array): Promise<Uint8Array> {
  const node = await loadNodeCrypto();
  if (node) return node.createHmac("sha256", secret).update(bytes).digest();
  const key = await importKey(secret, "sign");
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, bytes as Uint8Array<ArrayBuffer>));
}

// Value of one hex digit from its char code, for 0-9, a-f and A-F (checked by SIGNATURE_HEX):
// the low nibble is the digit for 0-9, and letters (bit 6 set) add 9.
const nibble = (code: number) => (code & 0xf) + 9 * (code >> 6);

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  }
  return out;
}

/**
 * True when `signature` (the `Mailtrap-Signature` header) is the HMAC-SHA256 of `rawBody`
 * under any of the secrets. Hex in either letter case is accepted.
 *
 * Never throws on request data: a missing, malformed or non-string signature, or a body
 * that is not a string or bytes (or whose buffer is detached), answers `false`. An empty
 * secret or secret list, or a secret with leading or trailing whitespace, is a programming
 * error and rejects with a TypeError.
 */
export async function verifySignature(
  rawBody: RawBody,
  signature: string | null | undefined,
  secretOrSecrets: SigningSecrets,
): Promise<boolean> {
  const secrets = normalizeSecrets(secretOrSecrets);
  if (typeof signature !== "string") return false;
  const trimmed = signature.trim();
  if (!SIGNATURE_HEX.test(trimmed)) return false;
  const expected = hexToBytes(trimmed);

  try {
    // Inside the try: a detached buffer throws here, and that is a "no" too.
    const bytes = toBytes(rawBody);
    if (!bytes) return false;
    const loaded = loadNodeCrypto();
    const node = loaded instanceof Promise ? await loaded : loaded;
    for (const secret of secrets) {
      if (node) {
        if (node.timingSafeEqual(node.createHmac("sha256", secret).update(bytes).digest(), expected))
          return true;
      } else {
        // subtle.verify compares in constant time inside the platform.
        const key = await importKey(secret, "verify");
        const body = bytes as Uint8Array<ArrayBuffer>;
        if (await crypto.subtle.verify("HMAC", key, expected as Uint8Array<ArrayBuffer>, body)) return true;
      }
    }
  } catch {
    // A detached buffer or an exotic platform failure is still a "no", never a crash.
    return false;
  }
  return false;
}
