import { describe, expect, it, vi } from "vitest";
import { createWebhooksClient, InvalidArgumentError, MailtrapWebhooksError } from "../../src/index.js";
import { json, rejectionOf, TOKEN, webhook } from "../helpers/fixtures.js";

function setup() {
  const fetch = vi.fn(async () => json({ data: webhook }));
  const client = createWebhooksClient({ apiToken: TOKEN, accountId: 1, fetch });
  return { client, fetch };
}

/** Calls `create` with options a JavaScript caller (or a cast) could pass. */
function create(options: Record<string, unknown>) {
  return createWebhooksClient(options as unknown as Parameters<typeof createWebhooksClient>[0]);
}

describe("client options", () => {
  it.each([
    [{ accountId: 1 }, "apiToken", "apiToken must be a non-empty string, got undefined"],
    [{ apiToken: "", accountId: 1 }, "apiToken", "got a blank string"],
    [{ apiToken: "   ", accountId: 1 }, "apiToken", "got a blank string"],
    [{ apiToken: 123, accountId: 1 }, "apiToken", "got number"],
    [{ apiToken: "abc\n", accountId: 1 }, "apiToken", "stray space or newline"],
    [{ apiToken: TOKEN, accountId: 1, baseUrl: "mailtrap.io" }, "baseUrl", 'got string "mailtrap.io"'],
    [
      { apiToken: TOKEN, accountId: 1, baseUrl: "https://mailtrap.io/?x=1" },
      "baseUrl",
      "without query or fragment",
    ],
    [
      { apiToken: TOKEN, accountId: 1, baseUrl: "https://api.test/?" },
      "baseUrl",
      "without query or fragment",
    ],
    [{ apiToken: TOKEN, accountId: 1, baseUrl: "https://api.test#" }, "baseUrl", "without query or fragment"],
    [{ apiToken: TOKEN, accountId: 1, authScheme: "basic" }, "authScheme", 'got string "basic"'],
    [{ apiToken: TOKEN, accountId: 1, timeoutMs: 2 ** 31 }, "timeoutMs", "of at most 2147483647"],
    [
      { apiToken: TOKEN, accountId: 1, timeoutMs: Number.POSITIVE_INFINITY },
      "timeoutMs",
      "got number Infinity",
    ],
    [{ apiToken: TOKEN, accountId: 1, userAgent: "app/1\n" }, "userAgent", "without line breaks"],
    [{ apiToken: TOKEN, accountId: 1, userAgent: "应用/1" }, "userAgent", 'got string "应用/1"'],
    [{ apiToken: TOKEN, accountId: 1, userAgent: 1.4 }, "userAgent", "must be a string, got number 1.4"],
    [{ apiToken: TOKEN, accountId: 1, timeoutMs: 0 }, "timeoutMs", "got number 0"],
    [{ apiToken: TOKEN, accountId: 1, maxRetries: -1 }, "maxRetries", "got number -1"],
    [{ apiToken: TOKEN, accountId: 1, fetch: "fetch" }, "fetch", 'got string "fetch"'],
  ])("rejects %o naming %s", (options, field, message) => {
    let error: unknown;
    try {
      create(options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toBeInstanceOf(MailtrapWebhooksError);
    expect((error as InvalidArgumentError).field).toBe(field);
    expect((error as Error).message).toContain(field);
    expect((error as Error).message).toContain(message);
  });

  it("refuses a baseUrl with credentials without printing them", () => {
    const baseUrl = "https://user:pa55word@mailtrap.io";
    const error = (() => {
      try {
        create({ apiToken: TOKEN, accountId: 1, baseUrl });
      } catch (e) {
        return e as InvalidArgumentError;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error?.field).toBe("baseUrl");
    expect(error?.message).toContain("user name or password");
    expect(error?.message).not.toContain("pa55word");
  });

  it("does not echo a baseUrl with a query string, where tokens get pasted", () => {
    expect(() =>
      create({ apiToken: TOKEN, accountId: 1, baseUrl: "https://api.test/?token=s3cr3t" }),
    ).toThrow(
      /^baseUrl must be an origin and optional path, without query or fragment, such as "https:\/\/mailtrap.io"$/,
    );
  });

  it("accepts the largest timeout setTimeout can hold", () => {
    expect(() => create({ apiToken: TOKEN, accountId: 1, timeoutMs: 2 ** 31 - 1 })).not.toThrow();
  });

  it("never prints the token value, even a malformed one", () => {
    const token = "secret-token-with newline\n";
    expect(() => create({ apiToken: token, accountId: 1 })).toThrow(InvalidArgumentError);
    try {
      create({ apiToken: token, accountId: 1 });
    } catch (error) {
      expect((error as Error).message).not.toContain("secret-token");
    }
  });
});

describe("accountId: optional, but checked when given", () => {
  it.each([
    [0, "got number 0"],
    [-1, "got number -1"],
    [1.5, "got number 1.5"],
    ["1", 'got string "1" (convert it with Number() first)'],
    [Number.NaN, "got number NaN"],
    [2 ** 53, "got number 9007199254740992"],
    [null, "got null"],
  ])("refuses %o before any request, and says it may be left out", (accountId, detail) => {
    const fetch = vi.fn(async () => json({ data: [webhook] }));
    let error: unknown;
    try {
      create({ apiToken: TOKEN, accountId, fetch }).list();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe("accountId");
    expect((error as Error).message).toBe(
      `accountId must be a positive integer, ${detail}; or leave accountId out to use the API token's account`,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ["left out", {}],
    ["undefined", { accountId: undefined }],
  ])("%s is the token-scoped form", async (_label, accountOption) => {
    const fetch = vi.fn(async (input: string | Request) => {
      expect(new URL(typeof input === "string" ? input : input.url).pathname).toBe("/api/webhooks");
      return json({ data: [webhook] });
    });
    await expect(create({ apiToken: TOKEN, fetch, ...accountOption }).list()).resolves.toEqual([webhook]);
    expect(fetch).toHaveBeenCalledOnce();
  });

  it("the largest safe integer is a valid account id", async () => {
    const fetch = vi.fn(async () => json({ data: [] }));
    await create({ apiToken: TOKEN, accountId: Number.MAX_SAFE_INTEGER, fetch }).list();
    expect(fetch).toHaveBeenCalledOnce();
  });
});

describe("method arguments are checked before any request", () => {
  it.each([
    ["get", (c: ReturnType<typeof setup>["client"]) => c.get("abc" as unknown as number), 'got string "abc"'],
    ["get", (c: ReturnType<typeof setup>["client"]) => c.get(0), "got number 0"],
    ["delete", (c: ReturnType<typeof setup>["client"]) => c.delete(-3), "got number -3"],
    [
      "update",
      (c: ReturnType<typeof setup>["client"]) => c.update(Number.NaN, { active: true }),
      "got number NaN",
    ],
  ])("%s rejects a bad webhookId", async (_name, call, detail) => {
    const { client, fetch } = setup();
    const error = await rejectionOf(call(client));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toContain(`webhookId must be a positive integer, ${detail}`);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("update rejects an empty change, including one of only undefined values", async () => {
    const { client, fetch } = setup();
    for (const params of [{}, { active: undefined }]) {
      // The type already refuses both; plain JavaScript callers reach the run-time check.
      const error = await rejectionOf(client.update(1, params as never));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe("params");
      expect(error.message).toContain("at least one field");
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it("create rejects a non-object", async () => {
    const { client, fetch } = setup();
    const error = await rejectionOf(client.create(null as never));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe("params must be an object, got null");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("rejects bad per-call timeoutMs and maxRetries", async () => {
    const { client, fetch } = setup();
    await expect(client.list({ timeoutMs: -1 })).rejects.toThrow(
      "options.timeoutMs must be a positive number",
    );
    await expect(client.list({ maxRetries: 1.5 })).rejects.toThrow("options.maxRetries must be an integer");
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ["null", null, "options", "options must be an object such as { timeoutMs: 5000 }, got null"],
    ["a string", "fast", "options", 'got string "fast"'],
    ["a signal that is not an AbortSignal", { signal: {} }, "options.signal", "must be an AbortSignal"],
  ])("rejects per-call options that are %s", async (_label, options, field, message) => {
    const { client, fetch } = setup();
    const error = await rejectionOf(client.list(options as never));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
    expect(error.message).toContain(message);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("returns a rejected promise rather than throwing synchronously", () => {
    const { client } = setup();
    const result = client.get(0);
    expect(result).toBeInstanceOf(Promise);
    return expect(result).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
