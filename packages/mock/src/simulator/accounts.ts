import { InvalidArgumentError } from "../errors.js";

/**
 * Who a token is: which accounts it may manage. By default any non-empty token belongs to
 * account 1; `accounts: [{ id, tokens }]` names them explicitly (then other tokens are unknown).
 */
export interface SimulatorAccount {
  /** The account id, a positive integer (the `account_id` of the account paths). */
  id: number;
  /** The API tokens of this account. */
  tokens: readonly string[];
}

export const defaultAccountId = 1;

export type Access =
  | { kind: "unauthorized" }
  | { kind: "forbidden" }
  | { kind: "allowed"; accountId: number };

/** The account ids a token may use, in the order the accounts were given, or [] for an unknown token. */
export type TokenAccounts = (token: string) => readonly number[];

export function tokenAccounts(accounts: readonly SimulatorAccount[] | undefined): TokenAccounts {
  if (accounts === undefined) return (token) => (token === "" ? [] : [defaultAccountId]);
  const byToken = new Map<string, number[]>();
  for (const account of accounts) {
    if (!Number.isSafeInteger(account.id) || account.id < 1) {
      throw new InvalidArgumentError(
        "accounts",
        `accounts: an account id must be a positive integer, got ${account.id}`,
      );
    }
    for (const token of account.tokens) {
      if (typeof token !== "string" || token === "") {
        throw new InvalidArgumentError(
          "accounts",
          `accounts: account ${account.id} has an empty or non-string token`,
        );
      }
      byToken.set(token, [...(byToken.get(token) ?? []), account.id]);
    }
  }
  return (token) => byToken.get(token) ?? [];
}

/** The token of a request: `Api-Token: <token>` or `Authorization: Bearer <token>`. */
export function requestToken(headers: Record<string, string | string[] | undefined>): string {
  const apiToken = headers["api-token"];
  if (typeof apiToken === "string" && apiToken.trim() !== "") return apiToken.trim();
  const authorization = headers.authorization;
  const bearer = typeof authorization === "string" ? /^Bearer\s+(\S.*)$/i.exec(authorization.trim()) : null;
  return bearer?.[1]?.trim() ?? "";
}

/** 401 for no or an unknown token, 403 for a token on another account's path. */
export function decideAccess(
  accounts: TokenAccounts,
  token: string,
  pathAccountId: number | undefined,
): Access {
  const ids = accounts(token);
  const first = ids[0];
  if (first === undefined) return { kind: "unauthorized" };
  if (pathAccountId === undefined) return { kind: "allowed", accountId: first };
  return ids.includes(pathAccountId) ? { kind: "allowed", accountId: pathAccountId } : { kind: "forbidden" };
}
