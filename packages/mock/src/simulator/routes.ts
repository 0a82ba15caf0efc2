/**
 * Which management operation a request is, in either path form: token-scoped
 * `/api/webhooks[/{id}]` (the account is the token's) or `/api/accounts/{account_id}/webhooks[/{id}]`.
 */
export type Operation = "list" | "create" | "get" | "update" | "delete";

export type Route =
  | { kind: "operation"; operation: Operation; accountId: number | undefined; webhookId: number | undefined }
  /** A known path with a method it does not serve. */
  | { kind: "method-not-allowed"; allow: string[] }
  /** A webhook path whose id is not a positive integer: no such webhook. */
  | { kind: "no-such-webhook" }
  | { kind: "unknown" };

const collection = /^\/api(?:\/accounts\/([^/]+))?\/webhooks\/?$/;
const member = /^\/api(?:\/accounts\/([^/]+))?\/webhooks\/([^/]+)\/?$/;
const collectionMethods: Record<string, Operation> = { GET: "list", POST: "create" };
const memberMethods: Record<string, Operation> = { GET: "get", PATCH: "update", DELETE: "delete" };

// Path parameters are positive integers; Number() alone would accept "1e3" or " 7".
function positiveInteger(text: string): number | undefined {
  if (!/^[1-9]\d{0,15}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

export function matchRoute(method: string, pathname: string): Route {
  const one = member.exec(pathname);
  const all = one ? null : collection.exec(pathname);
  const match = one ?? all;
  if (!match) return { kind: "unknown" };
  const accountText = match[1];
  const accountId = accountText === undefined ? undefined : positiveInteger(accountText);
  // An account id that is not a number names no account: the path does not exist.
  if (accountText !== undefined && accountId === undefined) return { kind: "unknown" };
  const methods = one ? memberMethods : collectionMethods;
  const operation = methods[method.toUpperCase()];
  if (!operation) return { kind: "method-not-allowed", allow: Object.keys(methods) };
  if (!one) return { kind: "operation", operation, accountId, webhookId: undefined };
  const webhookId = positiveInteger(one[2] ?? "");
  if (webhookId === undefined) return { kind: "no-such-webhook" };
  return { kind: "operation", operation, accountId, webhookId };
}
