/**
 * The management API over the store: route, token, rate limit, body, then the operation.
 * Transport-free: it takes the request's parts and returns the answer.
 */
import { decideAccess, requestToken, type TokenAccounts } from "./accounts.js";
import {
  type Answer,
  errorAnswer,
  forbidden,
  invalid,
  methodNotAllowed,
  notFound,
  ok,
  rateLimited,
  unauthorized,
} from "./answers.js";
import type { BodyResult } from "./http-body.js";
import { decideRate, type RateLimit } from "./rate-limit.js";
import { matchRoute } from "./routes.js";
import type { WebhookStore } from "./store.js";
import { checkCreate, checkUpdate } from "./validate.js";

export interface ManagementRequest {
  method: string;
  pathname: string;
  headers: Record<string, string | string[] | undefined>;
  /** Reads and parses the body; called only by operations that take one. */
  readBody: () => Promise<BodyResult>;
}

export interface ManagementState {
  store: WebhookStore;
  accounts: TokenAccounts;
  rateLimit: RateLimit | false;
  /** Request times per token, for the rate limit. */
  recentByToken: Map<string, number[]>;
  now: () => number;
}

export async function handleManagement(request: ManagementRequest, state: ManagementState): Promise<Answer> {
  const route = matchRoute(request.method, request.pathname);
  if (route.kind === "unknown") return notFound;
  if (route.kind === "method-not-allowed") return methodNotAllowed(route.allow);

  const token = requestToken(request.headers);
  const accountInPath = route.kind === "operation" ? route.accountId : undefined;
  const access = decideAccess(state.accounts, token, accountInPath);
  if (access.kind === "unauthorized") return unauthorized;

  if (state.rateLimit !== false) {
    const decision = decideRate(state.recentByToken.get(token) ?? [], state.now(), state.rateLimit);
    state.recentByToken.set(token, decision.recent);
    if (!decision.allowed) return rateLimited(decision.retryAfterMs);
  }
  if (access.kind === "forbidden") return forbidden;
  if (route.kind === "no-such-webhook") return notFound;

  const { accountId } = access;
  const { store } = state;
  const id = route.webhookId ?? 0;
  switch (route.operation) {
    case "list":
      return ok(store.list(accountId));
    case "get": {
      const webhook = store.get(accountId, id);
      return webhook ? ok(webhook) : notFound;
    }
    case "delete": {
      const webhook = store.delete(accountId, id);
      return webhook ? ok(webhook) : notFound;
    }
    case "create": {
      const body = await request.readBody();
      if (!body.ok) return errorAnswer(body.status, body.message);
      const checked = checkCreate(body.value);
      return checked.ok ? ok(store.create(accountId, checked.value)) : invalid(checked.errors);
    }
    case "update": {
      const body = await request.readBody();
      if (!body.ok) return errorAnswer(body.status, body.message);
      const existing = store.get(accountId, id);
      if (!existing) return notFound;
      const checked = checkUpdate(body.value, existing);
      if (!checked.ok) return invalid(checked.errors);
      return ok(store.update(accountId, id, checked.value));
    }
  }
}
