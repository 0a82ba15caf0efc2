/**
 * Mailtrap signs each delivery with HMAC-SHA256(signing_secret, raw body bytes) as hex.
 * The HMAC itself comes from the platform module (node:crypto on Node, Web Crypto elsewhere),
 * picked by package.json conditions.
 */
import type { operations } from "@mailtrap-webhooks/types";
import { InvalidArgumentError } from "./errors.js";
import { platform } from "./platform/current.js";

type Delivery = operations["receiveSendingEvents" | "receiveAuditLogEvents"];

/** Internal. Tied to the spec with `satisfies`: renaming the header there breaks this build. */
export const SIGNATURE_HEADER = "Mailtrap-Signature" satisfies keyof Delivery["parameters"]["header"];
/** Internal. The name one Mailtrap page uses; the spec mentions it only in a description. */
export const LEGACY_SIGNATURE_HEADER = `X-${SIGNATURE_HEADER}`;

/** A raw request body exactly as received. Decoding and re-encoding would break the signature. */
export type RawBody = string | Uint8Array | ArrayBuffer;

/** One signing secret, or several while rotating (any of them may match). */
export type SigningSecrets = string | readonly string[];

const encoder = new TextEncoder();
const SIGNATURE_HEX = /^[0-9a-fA-F]{64}$/;

/**
 * The body's bytes, or undefined for anything that is not a string or binary data.
 * @throws InvalidArgumentError when the buffer is detached (transferred, e.g. to a worker).
 */
export function toBytes(body: unknown): Uint8Array | undefined {
  if (typeof body === "string") return encoder.encode(body);
  return binaryBytes(body);
}

// Binary data as a view over the same memory; a string is left to the caller.
function binaryBytes(body: unknown): Uint8Array | undefined {
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
    throw new InvalidArgumentError(
      "body",
      "The body's ArrayBuffer is detached (it was transferred, e.g. to a worker). Pass the bytes before transferring them, or a copy.",
    );
  }
  return undefined;
}

// The last configuration checked: handlers and most callers pass the same secret every time.
let lastChecked: unknown;
let lastList: readonly string[] = [];

/** Checks secrets given by the programmer (not the wire); misuse is an InvalidArgumentError. */
export function normalizeSecrets(secretOrSecrets: unknown): readonly string[] {
  if (secretOrSecrets === lastChecked && typeof secretOrSecrets === "string") return lastList;
  const list = typeof secretOrSecrets === "string" ? [secretOrSecrets] : secretOrSecrets;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidArgumentError(
      "secret",
      "Mailtrap webhook: give the signing secret as a string or a non-empty array of strings.",
    );
  }
  for (const secret of list) {
    if (typeof secret !== "string" || secret.length === 0) {
      throw new InvalidArgumentError(
        "secret",
        "Mailtrap webhook: a signing secret is empty or not a string. Check its configuration.",
      );
    }
    // Typically a newline from an env file: it would fail every delivery without a word.
    // The message must not quote the secret.
    if (secret.trim() !== secret) {
      throw new InvalidArgumentError(
        "secret",
        "Mailtrap webhook: a signing secret starts or ends with whitespace (a newline from an env file?). Trim the secret.",
      );
    }
  }
  if (typeof secretOrSecrets === "string") {
    lastChecked = secretOrSecrets;
    lastList = list as readonly string[];
  }
  return list as readonly string[];
}

/** Internal. The signature header's bytes, or undefined when it is not 64 hex digits. */
export function signatureBytes(signature: unknown): Uint8Array | undefined {
  if (typeof signature !== "string") return undefined;
  const trimmed = signature.length === 64 ? signature : signature.trim();
  return SIGNATURE_HEX.test(trimmed) ? platform.hexToBytes(trimmed) : undefined;
}

/**
 * True when `signature` (the `Mailtrap-Signature` header) is the HMAC-SHA256 of `rawBody`
 * under any of the secrets. Hex in either letter case is accepted.
 *
 * Never throws on request data: a missing, malformed or non-string signature, or a body
 * that is not a string or bytes (or whose buffer is detached), answers `false`. An empty
 * secret or secret list, or a secret with leading or trailing whitespace, is a programming
 * error and rejects with an InvalidArgumentError.
 */
export function verifySignature(
  rawBody: RawBody,
  signature: string | null | undefined,
  secretOrSecrets: SigningSecrets,
): Promise<boolean> {
  let secrets: readonly string[];
  try {
    secrets = normalizeSecrets(secretOrSecrets);
  } catch (error) {
    return Promise.reject(error);
  }
  const expected = signatureBytes(signature);
  if (!expected) return NO;
  try {
    // Inside the try: a detached buffer throws here, and that is a "no" too. A string is
    // handed to the platform as is (node:crypto encodes it natively).
    const body = typeof rawBody === "string" ? rawBody : binaryBytes(rawBody);
    if (body === undefined) return NO;
    const matched = platform.matchesAny(body, expected, secrets);
    // node:crypto answers synchronously: no extra promise or tick on that path.
    if (typeof matched === "boolean") return matched ? YES : NO;
    return matched.catch(() => false);
  } catch {
    // A detached buffer or an exotic platform failure is still a "no", never a crash.
    return NO;
  }
}

// Settled once and shared: a resolved promise cannot change, and making one per call costs.
const YES = Promise.resolve(true);
const NO = Promise.resolve(false);
