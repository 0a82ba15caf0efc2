import { AuthenticationError, InvalidArgumentError } from "@mailtrap-webhooks/client";
import { describe, expect, it } from "vitest";
import { mockClient } from "./support/client.js";

describe("authentication", () => {
  it.each(["api-token", "bearer"] as const)("the mock accepts the %s scheme", async (authScheme) => {
    const { client, seen } = mockClient({ authScheme });
    expect((await client.list()).length).toBeGreaterThan(0);
    const headers = seen[0]?.request.headers;
    if (authScheme === "bearer") {
      expect(headers?.get("authorization")).toBe("Bearer contract-test-token");
      expect(headers?.has("api-token")).toBe(false);
    } else {
      expect(headers?.get("api-token")).toBe("contract-test-token");
      expect(headers?.has("authorization")).toBe(false);
    }
  });

  it("a request that reaches the API without a token ends in AuthenticationError", async () => {
    const { client, seen } = mockClient({ dropAuth: true, maxRetries: 0 });
    const error = await client.get(8127).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, body: { error: "Incorrect API token" } });
    expect(seen).toHaveLength(1);
  });

  it("a client without a token is refused before any request", () => {
    expect(() => mockClient({ apiToken: "" })).toThrow(InvalidArgumentError);
  });
});
