/**
 * How a failure reaches the terminal: one clear line (plus the field errors of a 422) saying
 * what to check in CLI terms, a stack trace only with --debug. The client's errors carry no
 * token or secret; the CLI's own messages never quote one either.
 */
import {
  AuthenticationError,
  MailtrapWebhooksError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ValidationError,
  type WebhooksApiError,
} from "@mailtrap-webhooks/client";
import { pc } from "./output.js";

/** A failure the CLI words itself (bad flag value, missing token, an invalid webhooks file). */
export class CliError extends Error {
  override name = "CliError";
}

/** What the failed request was about, which decides what a 404 asks the user to check. */
export interface FailureContext {
  /** The request named a webhook id (get, update, delete); otherwise it was the list or a create. */
  byId?: boolean;
  /** --account or MAILTRAP_ACCOUNT_ID was given, so the account-scoped paths were used. */
  account?: boolean;
}

// The client's advice names its own options; CLI users set the same things with these flags.
// Only the names are relied on, not the sentences around them.
const cliTerms: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bbaseUrl\b/g, "--base-url"],
  [/\baccountId\b/g, "--account"],
  [/\btimeoutMs\b/g, "--timeout-ms"],
  [/\bapiToken\b/g, "MAILTRAP_API_TOKEN"],
  [/\blist\(\)/g, "`mailtrap-webhooks list`"],
];

/** `text` with the client's option names replaced by the CLI's flags. */
export const inCliTerms = (text: string) =>
  cliTerms.reduce((result, [name, flag]) => result.replace(name, flag), text);

const serverSaid = (error: WebhooksApiError) => {
  const body = error.body as { error?: unknown; errors?: unknown } | undefined;
  const said = body?.error ?? body?.errors;
  return typeof said === "string" ? `: ${said}` : "";
};

/** The lines to print for `error`. */
export function describeFailure(error: unknown, context: FailureContext = {}): string[] {
  if (error instanceof CliError) return [error.message];
  if (error instanceof ValidationError) {
    const fields = Object.entries(error.fields ?? {}).map(
      ([field, messages]) => `  ${field}: ${(messages ?? []).join(", ")}`,
    );
    return [`Mailtrap refused the request (422):`, ...fields];
  }
  if (error instanceof AuthenticationError) {
    return [`Mailtrap answered 401${serverSaid(error)}. Check MAILTRAP_API_TOKEN (or --token).`];
  }
  if (error instanceof PermissionDeniedError) {
    return [
      `Mailtrap answered 403${serverSaid(error)}. Check that the token may manage webhooks, and --account / MAILTRAP_ACCOUNT_ID if you set one.`,
    ];
  }
  if (error instanceof NotFoundError) {
    // Without an id in the path, a 404 means the path itself is wrong, e.g. a base URL ending in /api.
    const check = context.byId
      ? "Check the webhook id; `mailtrap-webhooks list` shows them."
      : `Check --base-url (the API's origin, e.g. https://mailtrap.io)${context.account ? " and --account / MAILTRAP_ACCOUNT_ID" : ""}.`;
    return [`Mailtrap answered 404${serverSaid(error)}. ${check}`];
  }
  if (error instanceof RateLimitError) {
    // The CLI has no retry flag; a shared token is what --rate-limit is for (see the README).
    const wait =
      error.retryAfter === undefined ? "" : `, or wait ${Math.ceil(error.retryAfter)} s and run it again`;
    return [
      `Mailtrap answered 429${serverSaid(error)}. Another tool may be using the token: lower --rate-limit (e.g. 100/10)${wait}.`,
    ];
  }
  if (error instanceof MailtrapWebhooksError) return [inCliTerms(error.message)];
  return [error instanceof Error ? error.message : String(error)];
}

export function reportFailure(error: unknown, debug: boolean, context: FailureContext = {}): void {
  const [first = "", ...rest] = describeFailure(error, context);
  process.stderr.write(`${pc.red("error:")} ${first}\n${rest.map((line) => `${line}\n`).join("")}`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${pc.dim(error.stack)}\n`);
}
