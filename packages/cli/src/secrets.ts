/**
 * Signing secrets are shown once, by create. They go to a file only the user can read
 * (--secret-out, mode 0600) or, when none is given, to the terminal with a warning.
 */
import { appendFileSync, chmodSync, closeSync, openSync, writeFileSync } from "node:fs";
import type { CreatedWebhook } from "@mailtrap-webhooks/types";
import { CliError } from "./failure.js";
import { pc } from "./output.js";

/** One line per webhook: `id<TAB>url<TAB>secret`. */
export const secretLine = (webhook: CreatedWebhook) =>
  `${webhook.id}\t${webhook.url}\t${webhook.signing_secret}\n`;

const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/**
 * Opens `file` for appending (creating it, mode 0600) and closes it again: a path that cannot be
 * written fails here, before any webhook is created, rather than after, when Mailtrap would not
 * show the secret again.
 */
export function checkSecretFile(file: string): void {
  try {
    closeSync(openSync(file, "a", 0o600));
  } catch (error) {
    throw new CliError(
      `--secret-out ${file} cannot be written (${reason(error)}); nothing was created. Give a file in a folder that exists and that you may write to.`,
    );
  }
}

/** Writes (or, with `append`, adds to) `file` and keeps it private, even if it existed before. */
export function writeSecretFile(file: string, text: string, append = false): void {
  if (append) appendFileSync(file, text, { mode: 0o600 });
  else writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}

export function announceSecret(webhook: CreatedWebhook): string {
  return [
    `${pc.bold("Signing secret")} of webhook #${webhook.id}: ${webhook.signing_secret}`,
    pc.yellow(
      "Mailtrap shows it only now: store it (e.g. as MAILTRAP_WEBHOOK_SECRET) before you close this terminal.",
    ),
  ].join("\n");
}

/**
 * For a secret that --secret-out could not take after the webhook was created (the disk filled
 * up, the file was moved): the secret on stderr, since printing it is the only way left to keep it.
 */
export function rescuedSecret(webhook: CreatedWebhook, file: string, error: unknown): string {
  return [
    `${pc.red("error:")} webhook #${webhook.id} was created, but its signing secret could not be written to ${file} (${reason(error)}).`,
    announceSecret(webhook),
  ].join("\n");
}
