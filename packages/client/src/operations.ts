// Which spec operation each client method calls, in each of the two path forms the API
// serves with the same bodies and statuses.
import type { OperationId } from "@mailtrap-webhooks/types";

/**
 * `token`: `/api/webhooks[/{webhook_id}]`, the account is the API token's (Mailtrap's
 * current docs). `account`: `/api/accounts/{account_id}/webhooks[/{webhook_id}]`, as in
 * Mailtrap's older docs and its official Node SDK 4.10.
 */
export type PathForm = "token" | "account";

export const OPERATIONS = {
  list: { token: "listWebhooks", account: "listAccountWebhooks" },
  create: { token: "createWebhook", account: "createAccountWebhook" },
  get: { token: "getWebhook", account: "getAccountWebhook" },
  update: { token: "updateWebhook", account: "updateAccountWebhook" },
  delete: { token: "deleteWebhook", account: "deleteAccountWebhook" },
} as const satisfies Record<string, Record<PathForm, OperationId>>;

export type MethodName = keyof typeof OPERATIONS;

/** The operations behind `Method`, both forms: `OperationOf<"get">` is `"getWebhook" | "getAccountWebhook"`. */
export type OperationOf<Method extends MethodName> = (typeof OPERATIONS)[Method][PathForm];

/**
 * `value` under both operations of `method`, to build tables keyed by every OperationId
 * from one entry per method. Such a table, typed `Record<OperationId, ...>`, stops compiling
 * when the spec gains an operation that OPERATIONS does not place.
 */
export function forBothForms<Method extends MethodName, Value>(
  method: Method,
  value: Value,
): Record<OperationOf<Method>, Value> {
  const { token, account } = OPERATIONS[method];
  // Computed keys widen to a string index; these two are exactly OperationOf<Method>.
  return { [token]: value, [account]: value } as Record<OperationOf<Method>, Value>;
}
