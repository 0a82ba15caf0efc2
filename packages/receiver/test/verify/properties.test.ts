import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { signPayload } from "../../src/testing.js";
import { verifySignature } from "../../src/verify.js";
import { knownAnswer } from "../fixtures.js";
import { useNodeCrypto } from "../support/platform.js";

// 10k runs for the main properties on the Node path; the Web Crypto path shares all the
// parsing logic, so fewer runs there keep the suite fast on 2 cores.
const MAIN = { numRuns: 10_000 };
const WEB = { numRuns: 1_000 };

// Secrets with whitespace at either end are refused as a configuration error (an env-file
// newline), so the arbitrary secrets here have none there.
const secretArb = fc
  .string({ minLength: 1, maxLength: 40, unit: "binary" })
  .filter((secret) => secret.trim() === secret);
const bodyArb = fc.uint8Array({ minLength: 1, maxLength: 256 });
const hexChars = "0123456789abcdef";

describe("verifySignature never throws on wire input", () => {
  it("answers a boolean for arbitrary string bodies and signatures", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary" }),
        fc.string({ unit: "binary" }),
        async (body, signature) => {
          expect(await verifySignature(body, signature, knownAnswer.secret)).toBe(false);
        },
      ),
      MAIN,
    );
  });

  it("answers false for 64-character strings over a hex-like alphabet unless signed", async () => {
    const hexish = fc.string({
      minLength: 64,
      maxLength: 64,
      unit: fc.constantFrom(..."0123456789abcdefABCDEFxg "),
    });
    await fc.assert(
      fc.asyncProperty(bodyArb, hexish, async (body, signature) => {
        expect(await verifySignature(body, signature, knownAnswer.secret)).toBe(false);
      }),
      MAIN,
    );
  });

  it("answers false for any value as body or signature", async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (body, signature) => {
        const result = await verifySignature(body as string, signature as string, knownAnswer.secret);
        expect(result).toBe(false);
      }),
      MAIN,
    );
  });
});

describe.each([
  ["node:crypto", true, MAIN],
  ["Web Crypto", false, WEB],
])("signatures bind body and secret (%s)", (_name, node, runs) => {
  afterAll(() => useNodeCrypto(true));

  it("fails when any byte of the body changes", async () => {
    useNodeCrypto(node);
    await fc.assert(
      fc.asyncProperty(
        bodyArb,
        secretArb,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (body, secret, at, delta) => {
          const signature = await signPayload(body, secret);
          expect(await verifySignature(body, signature, secret)).toBe(true);
          const tampered = body.slice();
          const index = at % body.length;
          tampered[index] = (tampered[index] ?? 0) ^ delta;
          expect(await verifySignature(tampered, signature, secret)).toBe(false);
        },
      ),
      runs,
    );
  });

  it("fails when any character of the signature changes", async () => {
    useNodeCrypto(node);
    await fc.assert(
      fc.asyncProperty(
        bodyArb,
        secretArb,
        fc.nat(63),
        fc.integer({ min: 1, max: 15 }),
        async (body, secret, at, shift) => {
          const signature = await signPayload(body, secret);
          const old = hexChars.indexOf(signature[at] ?? "");
          const changed = `${signature.slice(0, at)}${hexChars[(old + shift) % 16]}${signature.slice(at + 1)}`;
          expect(await verifySignature(body, changed, secret)).toBe(false);
        },
      ),
      runs,
    );
  });

  it("passes with any secret of the list that signed it, and only then", async () => {
    useNodeCrypto(node);
    const listArb = fc.uniqueArray(secretArb, { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(bodyArb, listArb, fc.nat(), secretArb, async (body, secrets, pick, stranger) => {
        const signer = secrets[pick % secrets.length] ?? "";
        const signature = await signPayload(body, signer);
        expect(await verifySignature(body, signature, secrets)).toBe(true);
        expect(await verifySignature(body, signature.toUpperCase(), secrets)).toBe(true);
        fc.pre(!secrets.includes(stranger));
        expect(await verifySignature(body, signature, [stranger])).toBe(false);
      }),
      runs,
    );
  });
});

describe("both crypto paths agree", () => {
  afterAll(() => useNodeCrypto(true));

  it("a signature made on node:crypto verifies on Web Crypto", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary" }), secretArb, async (body, secret) => {
        useNodeCrypto(true);
        const signature = await signPayload(body, secret);
        useNodeCrypto(false);
        expect(await verifySignature(body, signature, secret)).toBe(true);
      }),
      WEB,
    );
  });
});
