/**
 * The difference between the webhooks a file declares and the ones the account has, as plain
 * data. A declared webhook matches an existing one with the same url and the same fields that
 * cannot change after creation (`webhook_type`, `sending_stream`, `domain_id`, as the spec's
 * update schema leaves them out); the fields an update can change are compared one by one. A
 * declaration whose url is taken by a webhook with other fixed fields replaces that webhook.
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
      /** A new webhook for `current`, whose fixed fields (`changes`) cannot be updated. */
      readonly kind: "replace";
      readonly current: Webhook;
      readonly webhook: CreateWebhookRequest;
      readonly changes: readonly FieldChange[];
      /** With prune, `current` is deleted once the new one exists; without, it stays. */
      readonly deleteCurrent: boolean;
    }
  | {
      readonly kind: "update";
      readonly current: Webhook;
      readonly changes: readonly FieldChange[];
      readonly params: UpdateWebhookRequest;
    }
  | { readonly kind: "delete"; readonly current: Webhook };

export interface Plan {
  /** Creates, then replaces, then updates, then deletes: the order `apply` makes them in. */
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
  const { createByType, updatable, fixed } = webhookSchemas();
  const available = [...existing].sort((a, b) => a.id - b.id);
  const creates: Change[] = [];
  const replaces: Change[] = [];
  const updates: Change[] = [];
  const unchanged: Webhook[] = [];
  const take = (index: number) => available.splice(index, 1)[0] as Webhook;

  const wanted = declared.map(
    (declaration) =>
      ({ ...createByType.get(declaration.webhook_type)?.defaults, ...declaration }) as Record<
        string,
        unknown
      >,
  );
  // Exact matches first, so that a url match below cannot take a webhook another entry declares.
  const matches = wanted.map((fields) => {
    const index = available.findIndex(
      (webhook) => identity(webhook as Record<string, unknown>) === identity(fields),
    );
    return index < 0 ? undefined : take(index);
  });

  declared.forEach((declaration, position) => {
    const fields = wanted[position] as Record<string, unknown>;
    const current = matches[position];
    if (!current) {
      const index = available.findIndex((webhook) => webhook.url === declaration.url);
      if (index < 0) {
        creates.push({ kind: "create", webhook: declaration });
        return;
      }
      const old = take(index);
      // webhook_type first: it decides which of the others apply.
      const changes = ["webhook_type", ...[...fixed].filter((field) => field !== "webhook_type").sort()]
        .filter((field) => !same((old as Record<string, unknown>)[field], fields[field]))
        .map((field) => ({
          field,
          before: normal((old as Record<string, unknown>)[field]),
          after: normal(fields[field]),
        }));
      replaces.push({
        kind: "replace",
        current: old,
        webhook: declaration,
        changes,
        deleteCurrent: options.prune ?? false,
      });
      return;
    }
    const typeFields = createByType.get(declaration.webhook_type)?.fields ?? new Set<string>();
    const changes: FieldChange[] = [];
    for (const field of updatable) {
      // Only fields the declaration's type has, and that the file sets or that have a default:
      // a field left out of the file is not managed.
      if (!typeFields.has(field) || !(field in fields)) continue;
      const before = (current as Record<string, unknown>)[field];
      if (!same(before, fields[field])) changes.push({ field, before, after: fields[field] });
    }
    if (changes.length === 0) {
      unchanged.push(current);
      return;
    }
    const params = Object.fromEntries(
      changes.map(({ field, after }) => [field, after]),
    ) as UpdateWebhookRequest;
    updates.push({ kind: "update", current, changes, params });
  });

  const deletes: Change[] = options.prune ? available.map((current) => ({ kind: "delete", current })) : [];
  return {
    changes: [...creates, ...replaces, ...updates, ...deletes],
    unchanged,
    unmanaged: options.prune ? [] : available,
  };
}
