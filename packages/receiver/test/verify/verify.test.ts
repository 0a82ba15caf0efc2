import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors.js";
import { signPayload } from "../../src/testing.js";
import { type RawBody, verifySignature } from "../../src/verify.js";
import { knownAnswer, otherSecret } from "../fixtures.js";
import { useNodeCrypto } from "../support/platform.js";

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

  it.each(detachedBodies())("answers false for %s", async (_label, body) => {
    useNodeCrypto(node);
    await expect(verifySignature(body, signature, secret)).resolves.toBe(false);
  });
});

// structuredClone with `transfer` moves the memory away and leaves the original detached.
function detachedBodies(): [string, RawBody][] {
  const detach = (buffer: ArrayBuffer) => structuredClone(buffer, { transfer: [buffer] });
  const buffer = bytes.slice().buffer;
  const view = bytes.slice();
  const dataView = new DataView(bytes.slice().buffer);
  for (const target of [buffer, view.buffer, dataView.buffer]) detach(target);
  return [
    ["a detached ArrayBuffer", buffer],
    ["a Uint8Array over a detached buffer", view],
    ["a DataView over a detached buffer", dataView as unknown as RawBody],
  ];
}

describe("verifySignature misuse", () => {
  it.each([
    ["no secrets", []],
    ["an empty secret", ""],
    ["a missing secret", undefined],
  ])("rejects %s with an InvalidArgumentError", async (_label, secrets) => {
    const error = await verifySignature(payload, signature, secrets as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
  });

  // Each case holds the real secret next to the bad one, so a message (or any property of
  // the error) that quoted the configuration would show it.
  it.each([
    ["an empty secret in the list", [secret, ""], /empty/],
    ["a secret with a trailing newline", `${secret}\n`, /trim/i],
    ["a secret with a leading space in the list", [otherSecret, ` ${secret}`], /trim/i],
    ["a secret with a trailing tab", `${secret}\t`, /trim/i],
  ])(
    "rejects %s with an InvalidArgumentError that says what to fix and names no secret",
    async (_label, secrets, fix) => {
      const error = await verifySignature(payload, signature, secrets).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(String(error)).toMatch(fix);
      expect(inspect(error, { showHidden: true, depth: 10 })).not.toContain(secret);
    },
  );
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
