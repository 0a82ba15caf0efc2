import type { OperationId } from "@mailtrap-webhooks/types";
import { describe, expect, it } from "vitest";
import { calls, mockClient } from "./support/client.js";
import { operations, responseOf, schemaValidator } from "./support/spec.js";

const seeds = Array.from({ length: 50 }, (_, i) => `seed-${i}`);
const validate = schemaValidator();

// Prism generates each body from the schemas; with 50 seeds per operation the client sees
// many shapes the examples never show (empty lists, nulls, other webhook types).
describe("seeded dynamic responses", () => {
  it.each(operations())("$operationId accepts 50 generated bodies", async ({ operationId, form }) => {
    const { schema } = responseOf(operationId, 200);
    const distinct = new Set<string>();
    for (const seed of seeds) {
      // No rate limit: 500 calls on one token would wait out the client's 150-per-10-s limit
      // (Mailtrap's) three times, and the mock has none.
      const { client, seen } = mockClient({
        form,
        prefer: `dynamic=true, seed=${seed}`,
        maxRetries: 0,
        rateLimit: false,
      });
      const data = await calls[operationId as OperationId](client);
      expect(seen[0]?.response.headers.get("sl-violations")).toBeNull();
      const check = validate(schema, { data });
      expect(check.errors, `seed ${seed}`).toBe("No errors");
      distinct.add(JSON.stringify(data));
    }
    // The seeds really produce different bodies, or this test would prove little.
    expect(distinct.size).toBeGreaterThan(40);
  });
});
