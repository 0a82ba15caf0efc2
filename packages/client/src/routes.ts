// The five calls on the wire, in the path form the client was created for. Each route names
// its spec operation (from operations.ts) beside the typed openapi-fetch call of that path.
import type {
  CreateWebhookRequest,
  OperationId,
  paths,
  UpdateWebhookRequest,
} from "@mailtrap-webhooks/types";
import type { Client } from "openapi-fetch";
import { OPERATIONS, type OperationOf } from "./operations.js";
import type { RawCall, Route } from "./request.js";

/** The same five calls in either form: the methods in client.ts do not know which form they use. */
export interface Routes {
  list(): Route<OperationOf<"list">>;
  create(webhook: CreateWebhookRequest): Route<OperationOf<"create">>;
  get(webhookId: number): Route<OperationOf<"get">>;
  update(webhookId: number, webhook: UpdateWebhookRequest): Route<OperationOf<"update">>;
  delete(webhookId: number): Route<OperationOf<"delete">>;
}

// Keeps each operation's literal type, which types the method's result.
const route = <Op extends OperationId>(operation: Op, method: Route<Op>["method"], call: RawCall) => ({
  operation,
  method,
  call,
});

/** The token-scoped paths (`accountId` undefined) or the account-scoped ones. */
export function routesFor(raw: Client<paths>, accountId: number | undefined): Routes {
  return accountId === undefined ? tokenRoutes(raw) : accountRoutes(raw, accountId);
}

/** `/api/webhooks[/{webhook_id}]`: the account is the API token's. */
function tokenRoutes(raw: Client<paths>): Routes {
  const collection = "/api/webhooks";
  const item = "/api/webhooks/{webhook_id}";
  return {
    list: () => route(OPERATIONS.list.token, "GET", (init) => raw.GET(collection, init)),
    create: (webhook) =>
      route(OPERATIONS.create.token, "POST", (init) => raw.POST(collection, { body: { webhook }, ...init })),
    get: (webhook_id) =>
      route(OPERATIONS.get.token, "GET", (init) =>
        raw.GET(item, { params: { path: { webhook_id } }, ...init }),
      ),
    update: (webhook_id, webhook) =>
      route(OPERATIONS.update.token, "PATCH", (init) =>
        raw.PATCH(item, { params: { path: { webhook_id } }, body: { webhook }, ...init }),
      ),
    delete: (webhook_id) =>
      route(OPERATIONS.delete.token, "DELETE", (init) =>
        raw.DELETE(item, { params: { path: { webhook_id } }, ...init }),
      ),
  };
}

/** `/api/accounts/{account_id}/webhooks[/{webhook_id}]`: the account is named in the path. */
function accountRoutes(raw: Client<paths>, account_id: number): Routes {
  const collection = "/api/accounts/{account_id}/webhooks";
  const item = "/api/accounts/{account_id}/webhooks/{webhook_id}";
  return {
    list: () =>
      route(OPERATIONS.list.account, "GET", (init) =>
        raw.GET(collection, { params: { path: { account_id } }, ...init }),
      ),
    create: (webhook) =>
      route(OPERATIONS.create.account, "POST", (init) =>
        raw.POST(collection, { params: { path: { account_id } }, body: { webhook }, ...init }),
      ),
    get: (webhook_id) =>
      route(OPERATIONS.get.account, "GET", (init) =>
        raw.GET(item, { params: { path: { account_id, webhook_id } }, ...init }),
      ),
    update: (webhook_id, webhook) =>
      route(OPERATIONS.update.account, "PATCH", (init) =>
        raw.PATCH(item, { params: { path: { account_id, webhook_id } }, body: { webhook }, ...init }),
      ),
    delete: (webhook_id) =>
      route(OPERATIONS.delete.account, "DELETE", (init) =>
        raw.DELETE(item, { params: { path: { account_id, webhook_id } }, ...init }),
      ),
  };
}
