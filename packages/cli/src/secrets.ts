/**
 * Signing secrets are shown once, by create. They go to a file only the user can read
 * (--secret-out, mode 0600) or, when none is given, to the terminal with a warning.
 */
import { appendFileSync, chmodSync, writeFileSync } from "node:fs";
import type { CreatedWebhook } from "@mailtrap-webhooks/types";
import { pc } from "./output.js";

/** One line per webhook: `id<TAB>url<TAB>secret`. */
export const secretLine = (webhook: CreatedWebhook) =>
  `${webhook.id}\t${webhook.url}\t${webhook.signing_secret}\n`;

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
