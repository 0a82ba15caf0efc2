import { afterAll, describe, expect, it } from "vitest";
import { signPayload } from "../../src/testing.js";
import { useNodeCrypto, verifySignature } from "../../src/verify.js";
import { knownAnswer, otherSecret } from "../fixtures.js";

const { payload, secret, signature } = knownAnswer;
const bytes = new TextEncoder().encode(payload);

// Every case runs on Node's fast path and on the portable Web Crypto path.
describe.each([
  ["node:crypto", true],
  ["Web Crypto", false],
])("verifySignature (%s)", (_name, node) => {
  useNodeCrypto(node);
  afterAll(() => useNodeCrypto(true));

  it("accepts the known-answer vector as string, Uint8Array and ArrayBuffer", async () => {
    useNodeCrypto(node);
    expect(await verifySignature(payload, signature, secret)).toBe(true);
    expect(await verifySignature(bytes, signature, secret)).toBe(true);
    expect(await verifySignature(bytes.slice().buffer, signature, secret)).toBe(true);
  });

  it("accepts upper- and mixed-case hex", async () => {
    useNodeCrypto(node);
    expect(await verifySignature(payload, signature.toUpperCase(), secret)).toBe(true);
    const mixed = [...signature].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join("");
    expect(await verifySignature(payload, mixed, secret)).toBe(true);
  });

  it("signs the known-answer vector with signPayload", async () => {
    useNodeCrypto(node);
    expect(await signPayload(payload, secret)).toBe(signature);
  });

  it("rejects a changed body, a wrong secret and a re-serialised body", async () => {
    useNodeCrypto(node);
    expect(await verifySignature(payload.replace("welcome", "Welcome"), signature, secret)).toBe(false);
    expect(await verifySignature(payload, signature, otherSecret)).toBe(false);
    expect(await verifySignature(JSON.stringify(JSON.parse(payload), null, 2), signature, secret)).toBe(
      false,
    );
  });

  it("accepts any secret of a rotation list", async () => {
    useNodeCrypto(node);
    expect(await verifySignature(payload, signature, [otherSecret, secret])).toBe(true);
    expect(await verifySignature(payload, signature, [secret, otherSecret])).toBe(true);
    expect(await verifySignature(payload, signature, [otherSecret])).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["too short", signature.slice(0, 63)],
    ["too long", `${signature}0`],
    ["non-hex", `${signature.slice(0, 63)}g`],
    ["non-ASCII", `${signature.slice(0, 63)}é`],
    ["prefixed", `sha256=${signature}`],
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["an object", { toString: () => signature }],
    ["an array", [signature]],
  ])("answers false for a signature that is %s", async (_label, value) => {
    useNodeCrypto(node);
    await expect(verifySignature(payload, value as string, secret)).resolves.toBe(false);
  });

  it.each([
    ["null", null],
    ["a number", 1],
    ["an object", { payload }],
  ])("answers false for a body that is %s", async (_label, body) => {
    useNodeCrypto(node);
    await expect(verifySignature(body as unknown as string, signature, secret)).resolves.toBe(false);
  });
});

describe("verifySignature misuse", () => {
  it.each([
    ["no secrets", []],
    ["an empty secret", ""],
    ["an empty secret in the list", [secret, ""]],
    ["a missing secret", undefined],
  ])("rejects %s with a TypeError that names no secret", async (_label, secrets) => {
    const error = await verifySignature(payload, signature, secrets as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).not.toContain(secret);
  });
});

describe("bodies from another realm", () => {
  it("accepts an ArrayBuffer and a Uint8Array made in a vm context", async () => {
    const { runInNewContext } = await import("node:vm");
    const foreign = runInNewContext("(bytes) => { const u = new Uint8Array(bytes); return [u, u.buffer]; }")([
      ...bytes,
    ]) as [Uint8Array, ArrayBuffer];
    expect(foreign[1] instanceof ArrayBuffer).toBe(false);
    expect(await verifySignature(foreign[0], signature, secret)).toBe(true);
    expect(await verifySignature(foreign[1], signature, secret)).toBe(true);
  });
});
