// The five calls on the wire, in the path form the client was created for: the spec
// operation each one is (operations.ts), its method, its path with the ids filled in, its
// body in the API's `{ webhook: ... }` envelope, and the schema its answer's `data` must match.
import type {
  CreateWebhookRequest,
  OperationId,
  paths,
  RequestBody,
  requiredFields,
  UpdateWebhookRequest,
} from "@mailtrap-webhooks/types";
import type { OperationOf, PathForm } from "./operations.js";

/** A schema an answer's `data` is checked against, by its name in the spec. */
export type Shape = keyof typeof requiredFields;

/** One call as the sender makes it. `Op` types its body, and its result as the spec's 200 body of `Op`. */
export interface Route<Op extends OperationId> {
  /** Whether a failed attempt may be sent again depends on it (retry.ts). */
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** The URL path after baseUrl, ids filled in. */
  path: string;
  /** The webhook id in the path; undefined on the collection (list, create). Error advice depends on it. */
  id?: number;
  /** The JSON body, typed as the spec's request body of the operation. */
  body?: RequestBody<Op>;
  /** The schema the answer's `data` must match: a list of them when `list`. */
  shape: Shape;
  list?: true;
}

/** The same five calls in either form: the methods in client.ts do not know which form they use. */
export interface Routes {
  list(): Route<OperationOf<"list">>;
  create(webhook: CreateWebhookRequest): Route<OperationOf<"create">>;
  get(webhookId: number): Route<OperationOf<"get">>;
  update(webhookId: number, webhook: UpdateWebhookRequest): Route<OperationOf<"update">>;
  delete(webhookId: number): Route<OperationOf<"delete">>;
}

// The spec's paths these routes fill in; a path renamed in the spec stops this compiling.
const COLLECTION = {
  token: "/api/webhooks",
  account: "/api/accounts/{account_id}/webhooks",
} as const satisfies Record<PathForm, keyof paths>;
({
  token: "/api/webhooks/{webhook_id}",
  account: "/api/accounts/{account_id}/webhooks/{webhook_id}",
}) satisfies Record<PathForm, `${(typeof COLLECTION)[PathForm]}/{webhook_id}` & keyof paths>;

/** The token-scoped paths (`accountId` undefined) or the account-scoped ones. */
export function routesFor(accountId: number | undefined): Routes {
  const collection =
    accountId === undefined ? COLLECTION.token : COLLECTION.account.replace("{account_id}", `${accountId}`);
  return {
    list: () => ({ method: "GET", path: collection, shape: "Webhook", list: true }),
    create: (webhook) => ({ method: "POST", path: collection, body: { webhook }, shape: "CreatedWebhook" }),
    get: (id) => ({ method: "GET", path: `${collection}/${id}`, id, shape: "Webhook" }),
    update: (id, webhook) => ({
      method: "PATCH",
      path: `${collection}/${id}`,
      id,
      body: { webhook },
      shape: "Webhook",
    }),
    delete: (id) => ({ method: "DELETE", path: `${collection}/${id}`, id, shape: "Webhook" }),
  };
}
