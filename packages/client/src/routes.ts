// The five calls on the wire, in the path form the client was created for: the spec
// operation each one is (operations.ts), its method, its path with the ids filled in, and
// its body in the API's `{ webhook: ... }` envelope.
import type {
  CreateWebhookRequest,
  OperationId,
  paths,
  RequestBody,
  UpdateWebhookRequest,
} from "@mailtrap-webhooks/types";
import { OPERATIONS, type OperationOf, type PathForm } from "./operations.js";

/** One call as the sender makes it. */
export interface Route<Op extends OperationId> {
  /** Types the result as the spec's 200 body of this operation, and picks the check of its `data`. */
  operation: Op;
  /** Whether a failed attempt may be sent again depends on it (retry.ts). */
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** The URL path after baseUrl, ids filled in. */
  path: string;
  /** The JSON body, typed as the spec's request body of the operation. */
  body?: RequestBody<Op>;
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
  const form: PathForm = accountId === undefined ? "token" : "account";
  const collection = COLLECTION[form].replace("{account_id}", String(accountId));
  return {
    list: () => ({ operation: OPERATIONS.list[form], method: "GET", path: collection }),
    create: (webhook) => ({
      operation: OPERATIONS.create[form],
      method: "POST",
      path: collection,
      body: { webhook },
    }),
    get: (id) => ({ operation: OPERATIONS.get[form], method: "GET", path: `${collection}/${id}` }),
    update: (id, webhook) => ({
      operation: OPERATIONS.update[form],
      method: "PATCH",
      path: `${collection}/${id}`,
      body: { webhook },
    }),
    delete: (id) => ({ operation: OPERATIONS.delete[form], method: "DELETE", path: `${collection}/${id}` }),
  };
}
