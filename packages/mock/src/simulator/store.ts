/**
 * The simulator's state: webhooks in memory, per account, with increasing ids and a signing
 * secret each. Plain data in, plain data out; HTTP lives in http.ts.
 */
import { randomBytes } from "node:crypto";
import type {
  CreatedWebhook,
  CreateWebhookRequest,
  UpdateWebhookRequest,
  Webhook,
} from "@mailtrap-webhooks/types";
import { requestSchemas } from "./schemas.js";

/** A stored webhook as the simulator keeps it: the created webhook (secret included) and its account. */
export type SimulatedWebhook = CreatedWebhook & { readonly accountId: number };

export interface WebhookStore {
  list(accountId: number): Webhook[];
  get(accountId: number, id: number): Webhook | undefined;
  create(accountId: number, fields: CreateWebhookRequest): CreatedWebhook;
  update(accountId: number, id: number, fields: UpdateWebhookRequest): Webhook | undefined;
  delete(accountId: number, id: number): Webhook | undefined;
  /** Sets `active`, e.g. when retries run out; false when the webhook is gone. */
  setActive(id: number, active: boolean): boolean;
  /** Stored webhooks with their secrets, of one account or all; copies. */
  all(accountId?: number): SimulatedWebhook[];
  /** One stored webhook with its secret, by id alone (deliveries look it up at each attempt). */
  find(id: number): SimulatedWebhook | undefined;
}

/** 32 lowercase hex characters, like the secrets Mailtrap publishes. */
export function generateSigningSecret(): string {
  return randomBytes(16).toString("hex");
}

export function createWebhookStore(): WebhookStore {
  const stored = new Map<number, SimulatedWebhook>();
  let lastId = 0;

  // The Webhook fields in the spec's order, those the type has; a field the type has but the
  // request left out is null (e.g. `domain_id`: all domains).
  const shape = (record: SimulatedWebhook): Webhook => {
    const { createByType, webhookFields } = requestSchemas();
    const typeFields = createByType.get(record.webhook_type)?.fields ?? new Set<string>();
    const source = record as unknown as Record<string, unknown>;
    const webhook: Record<string, unknown> = {};
    for (const field of webhookFields) {
      if (field === "id" || typeFields.has(field)) webhook[field] = structuredClone(source[field] ?? null);
    }
    return webhook as Webhook;
  };
  const owned = (accountId: number, id: number) => {
    const record = stored.get(id);
    return record?.accountId === accountId ? record : undefined;
  };

  return {
    list: (accountId) => [...stored.values()].filter((r) => r.accountId === accountId).map(shape),
    get: (accountId, id) => {
      const record = owned(accountId, id);
      return record && shape(record);
    },
    create: (accountId, fields) => {
      lastId += 1;
      const record = {
        ...structuredClone(fields),
        id: lastId,
        signing_secret: generateSigningSecret(),
        accountId,
      };
      stored.set(record.id, record as SimulatedWebhook);
      return { ...shape(record as SimulatedWebhook), signing_secret: record.signing_secret };
    },
    update: (accountId, id, fields) => {
      const record = owned(accountId, id);
      if (!record) return undefined;
      const updated = { ...record, ...structuredClone(fields) } as SimulatedWebhook;
      stored.set(id, updated);
      return shape(updated);
    },
    delete: (accountId, id) => {
      const record = owned(accountId, id);
      if (!record) return undefined;
      stored.delete(id);
      return shape(record);
    },
    setActive: (id, active) => {
      const record = stored.get(id);
      if (!record) return false;
      stored.set(id, { ...record, active });
      return true;
    },
    all: (accountId) =>
      [...stored.values()]
        .filter((r) => accountId === undefined || r.accountId === accountId)
        .map((r) => ({ ...shape(r), signing_secret: r.signing_secret, accountId: r.accountId })),
    find: (id) => {
      const record = stored.get(id);
      return (
        record && { ...shape(record), signing_secret: record.signing_secret, accountId: record.accountId }
      );
    },
  };
}
