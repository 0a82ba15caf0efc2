import { describe, expect, it } from "vitest";
import { InvalidArgumentError, WebhookReceiverError } from "../../src/errors.js";
import { parseEvents, WebhookParseError } from "../../src/parse.js";
import { createTestDelivery, signPayload } from "../../src/testing.js";
import { verifySignature } from "../../src/verify.js";
import { knownAnswer } from "../fixtures.js";
import { example } from "../spec.js";

const events = [example("DeliveryEvent"), example("BounceEvent")];
const { secret } = knownAnswer;

describe("createTestDelivery", () => {
  it.each([
    ["json", "application/json"],
    ["jsonlines", "application/jsonl"],
  ] as const)("builds a signed %s POST with content type %s", async (format, contentType) => {
    const request = await createTestDelivery(events, { secret, format, url: "https://example.test/hooks" });
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://example.test/hooks");
    expect(request.headers.get("content-type")).toBe(contentType);
    const body = await request.text();
    expect(await verifySignature(body, request.headers.get("mailtrap-signature"), secret)).toBe(true);
    expect(parseEvents(body, { format }).map((item) => item.event)).toEqual(events);
  });

  it("defaults to json and a localhost URL", async () => {
    const request = await createTestDelivery(events, { secret });
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(new URL(request.url).hostname).toBe("localhost");
    expect(JSON.parse(await request.text())).toEqual({ events });
  });
});

describe("signPayload", () => {
  it("gives lowercase hex and refuses an empty secret", async () => {
    expect(await signPayload("{}", secret)).toMatch(/^[0-9a-f]{64}$/);
    await expect(signPayload("{}", "")).rejects.toThrow(InvalidArgumentError);
  });
});

describe("the receiver's errors", () => {
  it("share one base class, and a bad argument names its field", async () => {
    const error = await signPayload("{}", " padded ").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toBeInstanceOf(WebhookReceiverError);
    expect((error as InvalidArgumentError).field).toBe("secret");
    expect(new WebhookParseError("bad")).toBeInstanceOf(WebhookReceiverError);
  });
});
