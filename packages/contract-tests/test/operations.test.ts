import {
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ValidationError,
  type WebhooksApiError,
} from "@mailtrap-webhooks/client";
import type { OperationId } from "@mailtrap-webhooks/types";
import { describe, expect, it } from "vitest";
import { accountId, calls, mockClient, webhookId } from "./support/client.js";
import { operations, responseOf, schemaValidator } from "./support/spec.js";

// The contract: which typed error each documented status must become.
const errorClassByStatus: Record<number, new (...args: never[]) => WebhooksApiError> = {
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: ValidationError,
  429: RateLimitError,
};

const validate = schemaValidator();
const cases = operations().flatMap((operation) =>
  operation.statuses.map((status) => ({
    ...operation,
    status,
    label: `${operation.operationId} (${operation.method} ${operation.path}) → ${status}`,
  })),
);

describe("every operation × every documented status, in both path forms", () => {
  it("covers every operation the client can call, token-scoped and account-scoped", () => {
    expect(new Set(cases.map((c) => c.operationId))).toEqual(new Set(Object.keys(calls)));
    expect(new Set(cases.map((c) => c.form))).toEqual(new Set(["token", "account"]));
  });

  // A client without accountId must reach the token-scoped operations, one with it the account ones.
  it.each(cases)("$label", async ({ operationId, method, path, form, status }) => {
    const { client, seen } = mockClient({ form, prefer: `code=${status}`, maxRetries: 0 });
    const call = calls[operationId as OperationId];
    const { schema, example } = responseOf(operationId, status);

    if (status === 200) {
      const data = await call(client);
      // The client unwraps `data`; wrapped again it must satisfy the response schema.
      const check = validate(schema, { data });
      expect(check.errors).toBe("No errors");
      expect({ data }).toEqual(example);
    } else {
      const error = await call(client).then(
        () => expect.unreachable(`${operationId} should have failed with ${status}`),
        (e: unknown) => e,
      );
      const expected = errorClassByStatus[status];
      if (!expected) throw new Error(`no expected error class for documented status ${status}`);
      expect(error).toBeInstanceOf(expected);
      expect(error).toMatchObject({ status, body: example });
      expect((error as Error).message).not.toContain("contract-test-token");
      if (error instanceof ValidationError) {
        expect(Object.keys(error.fields).length).toBeGreaterThan(0);
      }
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]?.request.method).toBe(method);
    // The exact path: the op's template with this suite's account and webhook ids filled in.
    const expectedPath = path
      .replace("{account_id}", String(accountId))
      .replace("{webhook_id}", String(webhookId));
    expect(new URL(seen[0]?.request.url ?? "").pathname).toBe(expectedPath);
    expect(seen[0]?.response.status).toBe(status);
    // A valid request never trips Prism's validator, whatever status was asked for.
    expect(seen[0]?.response.headers.get("sl-violations")).toBeNull();
  });
});

describe("retries against the mock", () => {
  it.each(["token", "account"] as const)(
    "retries a GET that keeps answering 429 (%s form), then raises RateLimitError",
    async (form) => {
      const { client, seen } = mockClient({ form, prefer: "code=429", maxRetries: 1 });
      await expect(client.list()).rejects.toBeInstanceOf(RateLimitError);
      expect(seen).toHaveLength(2);
    },
  );
});
