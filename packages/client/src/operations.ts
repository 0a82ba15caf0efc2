// Which spec operation each client method calls, in each of the two path forms the API
// serves with the same bodies and statuses. Types only: nothing here reaches the bundle.
import type { OperationId } from "@mailtrap-webhooks/types";

/**
 * `token`: `/api/webhooks[/{webhook_id}]`, the account is the API token's (Mailtrap's
 * current docs). `account`: `/api/accounts/{account_id}/webhooks[/{webhook_id}]`, as in
 * Mailtrap's older docs and its official Node SDK 4.10.
 */
export type PathForm = "token" | "account";

export interface Operations {
  list: { token: "listWebhooks"; account: "listAccountWebhooks" };
  create: { token: "createWebhook"; account: "createAccountWebhook" };
  get: { token: "getWebhook"; account: "getAccountWebhook" };
  update: { token: "updateWebhook"; account: "updateAccountWebhook" };
  delete: { token: "deleteWebhook"; account: "deleteAccountWebhook" };
}

export type MethodName = keyof Operations;

/** The operations behind `Method`, both forms: `OperationOf<"get">` is `"getWebhook" | "getAccountWebhook"`. */
export type OperationOf<Method extends MethodName> = Operations[Method][PathForm];

type Assert<Condition extends true> = Condition;

/**
 * Compiles only while every name above is an operation of the spec and every operation of the
 * spec (but the deliveries) is placed above: a renamed or added operation stops the build here.
 */
export type EveryOperationPlaced = Assert<
  [Exclude<OperationId, OperationOf<MethodName>>, Exclude<OperationOf<MethodName>, OperationId>] extends [
    never,
    never,
  ]
    ? true
    : false
>;
