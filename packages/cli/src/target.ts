/**
 * Which API the commands talk to, and as whom: the token from MAILTRAP_API_TOKEN (or --token),
 * the account from MAILTRAP_ACCOUNT_ID (or --account; without one, the token-scoped paths),
 * --base-url for a local simulator or mock, and --timeout-ms per request.
 */
import { createWebhooksClient, type WebhooksClient } from "@mailtrap-webhooks/client";
import { CliError, inCliTerms } from "./failure.js";
import { pc, warn } from "./output.js";

export interface TargetOptions {
  token?: string;
  account?: string;
  baseUrl?: string;
  /** `REQUESTS/SECONDS` (e.g. `150/10`) or `off`. */
  rateLimit?: string;
  /** `--timeout-ms`: how long to wait for each answer. */
  timeoutMs?: string;
}

export const tokenVariable = "MAILTRAP_API_TOKEN";
export const accountVariable = "MAILTRAP_ACCOUNT_ID";

/** `--rate-limit`: `off`, or `REQUESTS/SECONDS` such as Mailtrap's `150/10`. */
export function rateLimitFrom(
  text: string | undefined,
): { requests: number; perMs: number } | false | undefined {
  if (text === undefined) return undefined;
  if (text === "off") return false;
  const match = /^(\d{1,6})\/(\d{1,6}(?:\.\d{1,3})?)s?$/.exec(text.trim());
  const requests = Number(match?.[1]);
  const perMs = Math.round(Number(match?.[2]) * 1000);
  if (!match || requests < 1 || perMs < 1) {
    throw new CliError(`--rate-limit must be REQUESTS/SECONDS (e.g. 150/10) or off, got "${text}".`);
  }
  return { requests, perMs };
}

/** The number `text` spells in digits alone (Number() would take "", "1e3" and "0x10"), else NaN. */
const digitsOnly = (text: string) => (/^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** A positive whole number from a flag or variable, e.g. an id. */
export function positiveInteger(text: string, what: string): number {
  const value = digitsOnly(text);
  if (!(value >= 1)) throw new CliError(`${what} must be a positive whole number, got "${text}".`);
  return value;
}

/** setTimeout's ceiling (about 24.8 days); a longer timer would fire at once. */
export const maxTimeoutMs = 2_147_483_647;

/** `--timeout-ms`: whole milliseconds that setTimeout can hold, or undefined when not given. */
export function timeoutFrom(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = digitsOnly(text);
  if (!(value >= 1 && value <= maxTimeoutMs)) {
    throw new CliError(
      `--timeout-ms must be a whole number of milliseconds from 1 to ${maxTimeoutMs}, got "${text}".`,
    );
  }
  return value;
}

/** Whether an account was given (--account or MAILTRAP_ACCOUNT_ID), so the account paths are used. */
export const accountGiven = (options: TargetOptions) =>
  (options.account ?? process.env[accountVariable] ?? "").trim() !== "";

export function clientFor(options: TargetOptions, userAgent: string): WebhooksClient {
  if (options.token !== undefined) {
    warn(`--token can be read by other users of this machine (e.g. with ps); prefer ${tokenVariable}.`);
  }
  const apiToken = (options.token ?? process.env[tokenVariable] ?? "").trim();
  if (!apiToken) throw new CliError(`No API token: set ${tokenVariable} (or pass --token).`);
  const account = options.account ?? process.env[accountVariable];
  const accountId =
    account === undefined || account.trim() === ""
      ? undefined
      : positiveInteger(account, options.account !== undefined ? "--account" : accountVariable);
  const rateLimit = rateLimitFrom(options.rateLimit);
  const timeoutMs = timeoutFrom(options.timeoutMs);
  return createWebhooksClient({
    apiToken,
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(accountId === undefined ? {} : { accountId }),
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    userAgent,
    // Retries and rate-limit waits, so a long apply shows why it pauses (on stderr, so stdout
    // stays clean). A final failure is the error line itself, so "not retried" is not repeated.
    logLevel: "info",
    // The client's lines name its options; inCliTerms puts the CLI's flags in their place.
    logger: {
      error: (line) => process.stderr.write(`${pc.red(inCliTerms(line))}\n`),
      warn: (line) => process.stderr.write(`${pc.yellow(inCliTerms(line))}\n`),
      info: (line) => {
        if (!line.endsWith("not retried")) process.stderr.write(`${pc.dim(inCliTerms(line))}\n`);
      },
      debug: () => {},
    },
  });
}
