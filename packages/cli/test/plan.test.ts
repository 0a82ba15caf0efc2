import type { CreateWebhookRequest, Webhook } from "@mailtrap-webhooks/types";
import { describe, expect, it } from "vitest";
import { planChanges } from "../src/plan.js";

const existing: Webhook[] = [
  {
    id: 1,
    url: "https://example.com/sending",
    active: true,
    webhook_type: "email_sending",
    payload_format: "json",
    sending_stream: "transactional",
    domain_id: null,
    event_types: ["delivery", "bounce"],
  },
  {
    id: 2,
    url: "https://example.com/audit",
    active: true,
    webhook_type: "audit_log",
    payload_format: "json",
  },
];
const sending: CreateWebhookRequest = {
  url: "https://example.com/sending",
  webhook_type: "email_sending",
  sending_stream: "transactional",
  event_types: ["bounce", "delivery"],
};

describe("planChanges", () => {
  it("matches by url and fixed fields; event_types is a set; defaults count as declared", () => {
    const plan = planChanges(
      [sending, { url: "https://example.com/audit", webhook_type: "audit_log" }],
      existing,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged.map((w) => w.id)).toEqual([1, 2]);
  });

  it("updates what an update can change, field by field", () => {
    const plan = planChanges(
      [{ ...sending, event_types: ["delivery"], payload_format: "jsonlines" }],
      existing,
    );
    expect(plan.changes).toEqual([
      expect.objectContaining({
        kind: "update",
        params: { payload_format: "jsonlines", event_types: ["delivery"] },
        changes: [
          { field: "payload_format", before: "json", after: "jsonlines" },
          { field: "event_types", before: ["delivery", "bounce"], after: ["delivery"] },
        ],
      }),
    ]);
  });

  it("the default active: true resumes a paused webhook", () => {
    const paused = existing.map((w) => (w.id === 2 ? { ...w, active: false } : w));
    const plan = planChanges([{ url: "https://example.com/audit", webhook_type: "audit_log" }], paused);
    expect(plan.changes).toEqual([expect.objectContaining({ kind: "update", params: { active: true } })]);
  });

  it("replaces a webhook whose fixed field differs, since it cannot be updated; only prune deletes the old one", () => {
    const plan = planChanges([{ ...sending, sending_stream: "bulk" }], existing);
    expect(plan.changes).toEqual([
      {
        kind: "replace",
        current: existing[0],
        webhook: { ...sending, sending_stream: "bulk" },
        changes: [{ field: "sending_stream", before: "transactional", after: "bulk" }],
        deleteCurrent: false,
      },
    ]);
    expect(plan.unmanaged.map((w) => w.id)).toEqual([2]);
    const pruned = planChanges([{ ...sending, sending_stream: "bulk" }], existing, { prune: true });
    expect(pruned.changes.map((c) => [c.kind, c.kind === "replace" && c.deleteCurrent])).toEqual([
      ["replace", true],
      ["delete", false],
    ]);
  });

  it("an exact match is never taken by another entry's replacement", () => {
    // The bulk entry comes first, yet #1 is the transactional entry's; bulk is a new webhook.
    const plan = planChanges([{ ...sending, sending_stream: "bulk" }, sending], existing);
    expect(plan.changes.map((c) => c.kind)).toEqual(["create"]);
    expect(plan.unchanged.map((w) => w.id)).toEqual([1]);
  });

  it("a missing domain_id and null are the same (all domains)", () => {
    expect(planChanges([sending], existing).changes).toEqual([]);
    expect(planChanges([{ ...sending, domain_id: 7 }], existing).changes).toEqual([
      expect.objectContaining({ kind: "replace", changes: [{ field: "domain_id", before: null, after: 7 }] }),
    ]);
  });

  it("deletes undeclared webhooks only with prune", () => {
    expect(planChanges([sending], existing).changes).toEqual([]);
    const pruned = planChanges([sending], existing, { prune: true });
    expect(pruned.changes).toEqual([{ kind: "delete", current: existing[1] }]);
    expect(pruned.unmanaged).toEqual([]);
  });
});
