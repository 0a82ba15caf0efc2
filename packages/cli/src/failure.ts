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
  ValidationError,
  type WebhooksApiError,
} from "@mailtrap-webhooks/client";
import { pc } from "./output.js";

/** A failure the CLI words itself (bad flag value, missing token, an invalid webhooks file). */
export class CliError extends Error {
  override name = "CliError";
}

const serverSaid = (error: WebhooksApiError) => {
  const body = error.body as { error?: unknown; errors?: unknown } | undefined;
  const said = body?.error ?? body?.errors;
  return typeof said === "string" ? `: ${said}` : "";
};

/** The lines to print for `error`. */
export function describeFailure(error: unknown): string[] {
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
    return [
      `Mailtrap answered 404${serverSaid(error)}. Check the webhook id; \`mailtrap-webhooks list\` shows them.`,
    ];
  }
  if (error instanceof MailtrapWebhooksError) return [error.message];
  return [error instanceof Error ? error.message : String(error)];
}

export function reportFailure(error: unknown, debug: boolean): void {
  const [first = "", ...rest] = describeFailure(error);
  process.stderr.write(`${pc.red("error:")} ${first}\n${rest.map((line) => `${line}\n`).join("")}`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${pc.dim(error.stack)}\n`);
}
