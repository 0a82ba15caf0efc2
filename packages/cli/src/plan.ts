/**
 * The difference between the webhooks a file declares and the ones the account has, as plain
 * data. A declared webhook matches an existing one with the same url and the same fields that
 * cannot change after creation (`webhook_type`, `sending_stream`, `domain_id`, as the spec's
 * update schema leaves them out); the fields an update can change are compared one by one.
 */
import type { CreateWebhookRequest, UpdateWebhookRequest, Webhook } from "@mailtrap-webhooks/types";
import { webhookSchemas } from "./schema.js";

export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export type Change =
  | { readonly kind: "create"; readonly webhook: CreateWebhookRequest }
  | {
      readonly kind: "update";
      readonly current: Webhook;
      readonly changes: readonly FieldChange[];
      readonly params: UpdateWebhookRequest;
    }
  | { readonly kind: "delete"; readonly current: Webhook };

export interface Plan {
  /** Creates, then updates, then deletes: the order `apply` makes them in. */
  readonly changes: readonly Change[];
  /** Existing webhooks that already match their declaration. */
  readonly unchanged: readonly Webhook[];
  /** Existing webhooks the file does not declare, left alone without `--prune`. */
  readonly unmanaged: readonly Webhook[];
}

/** An absent field and null mean the same ("all domains", "no stream"). */
const normal = (value: unknown) => (value === undefined ? null : value);

function same(a: unknown, b: unknown): boolean {
  // event_types is a set: order and repeats do not matter.
  if (Array.isArray(a) && Array.isArray(b)) {
    const left = new Set(a.map(String));
    const right = new Set(b.map(String));
    return left.size === right.size && [...left].every((item) => right.has(item));
  }
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

/** The identity of a webhook: its url and the fields fixed after creation. */
export function identity(webhook: Record<string, unknown>): string {
  const { fixed } = webhookSchemas();
  const parts = [...fixed].sort().map((field) => [field, normal(webhook[field])]);
  return JSON.stringify([["url", webhook.url], ...parts]);
}

export function planChanges(
  declared: readonly CreateWebhookRequest[],
  existing: readonly Webhook[],
  options: { prune?: boolean } = {},
): Plan {
  const { createByType, updatable } = webhookSchemas();
  const available = [...existing].sort((a, b) => a.id - b.id);
  const creates: Change[] = [];
  const updates: Change[] = [];
  const unchanged: Webhook[] = [];

  for (const declaration of declared) {
    const wanted = { ...createByType.get(declaration.webhook_type)?.defaults, ...declaration } as Record<
      string,
      unknown
    >;
    const index = available.findIndex(
      (webhook) => identity(webhook as Record<string, unknown>) === identity(wanted),
    );
    if (index < 0) {
      creates.push({ kind: "create", webhook: declaration });
      continue;
    }
    const [current] = available.splice(index, 1) as [Webhook];
    const fields = createByType.get(declaration.webhook_type)?.fields ?? new Set<string>();
    const changes: FieldChange[] = [];
    for (const field of updatable) {
      // Only fields the declaration's type has, and that the file sets or that have a default:
      // a field left out of the file is not managed.
      if (!fields.has(field) || !(field in wanted)) continue;
      const before = (current as Record<string, unknown>)[field];
      if (!same(before, wanted[field])) changes.push({ field, before, after: wanted[field] });
    }
    if (changes.length === 0) {
      unchanged.push(current);
      continue;
    }
    const params = Object.fromEntries(
      changes.map(({ field, after }) => [field, after]),
    ) as UpdateWebhookRequest;
    updates.push({ kind: "update", current, changes, params });
  }

  const deletes: Change[] = options.prune ? available.map((current) => ({ kind: "delete", current })) : [];
  return {
    changes: [...creates, ...updates, ...deletes],
    unchanged,
    unmanaged: options.prune ? [] : available,
  };
}
