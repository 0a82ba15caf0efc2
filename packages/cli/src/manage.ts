/**
 * list, get, create, update, delete: one client call each, printed as a table for people or
 * JSON for scripts.
 */
import { createInterface } from "node:readline/promises";
import type { UpdateWebhookParams, WebhooksClient } from "@mailtrap-webhooks/client";
import type { CreateWebhookRequest, Webhook } from "@mailtrap-webhooks/types";
import { CliError } from "./failure.js";
import { info, printJson, webhookDetails, webhooksTable } from "./output.js";
import { announceSecret, checkSecretFile, rescuedSecret, writeSecretFile } from "./secrets.js";
import { positiveInteger } from "./target.js";

export interface OutputOptions {
  json?: boolean;
}

function show(webhook: Webhook, options: OutputOptions): void {
  if (options.json) printJson(webhook);
  else process.stdout.write(`${webhookDetails(webhook)}\n`);
}

export async function listCommand(client: WebhooksClient, options: OutputOptions): Promise<void> {
  const webhooks = await client.list();
  if (options.json) printJson(webhooks);
  else process.stdout.write(`${webhooksTable(webhooks)}\n`);
}

export async function getCommand(client: WebhooksClient, id: string, options: OutputOptions): Promise<void> {
  show(await client.get(positiveInteger(id, "ID")), options);
}

export interface FieldFlags {
  url?: string;
  type?: string;
  stream?: string;
  events?: string;
  domain?: string;
  inbox?: string;
  format?: string;
  active?: boolean;
}

const list = (text: string) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

/** The request fields the flags set; the API checks the values and answers 422 with its field errors. */
function fieldsFrom(flags: FieldFlags): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (flags.url !== undefined) fields.url = flags.url;
  if (flags.type !== undefined) fields.webhook_type = flags.type;
  if (flags.stream !== undefined) fields.sending_stream = flags.stream;
  if (flags.events !== undefined) fields.event_types = list(flags.events);
  if (flags.domain !== undefined) fields.domain_id = positiveInteger(flags.domain, "--domain");
  if (flags.inbox !== undefined) fields.inbound_inbox_id = positiveInteger(flags.inbox, "--inbox");
  if (flags.format !== undefined) fields.payload_format = flags.format;
  if (flags.active !== undefined) fields.active = flags.active;
  return fields;
}

export async function createCommand(
  client: WebhooksClient,
  flags: FieldFlags & OutputOptions & { secretOut?: string },
): Promise<number> {
  if (flags.secretOut) checkSecretFile(flags.secretOut);
  const created = await client.create(fieldsFrom(flags) as CreateWebhookRequest);
  if (flags.secretOut) {
    const { signing_secret: _hidden, ...webhook } = created;
    show(webhook, flags);
    try {
      writeSecretFile(flags.secretOut, `${created.signing_secret}\n`);
    } catch (error) {
      // Created but not stored: exit 1 so a script notices, with the secret on stderr.
      process.stderr.write(`${rescuedSecret(created, flags.secretOut, error)}\n`);
      return 1;
    }
    info(`The signing secret is in ${flags.secretOut} (readable by you only).`);
    return 0;
  }
  if (flags.json) {
    printJson(created);
    return 0;
  }
  const { signing_secret: _shownBelow, ...webhook } = created;
  show(webhook, flags);
  process.stdout.write(`\n${announceSecret(created)}\n`);
  return 0;
}

export async function updateCommand(
  client: WebhooksClient,
  id: string,
  flags: FieldFlags & OutputOptions,
): Promise<void> {
  const webhookId = positiveInteger(id, "ID");
  const fields = fieldsFrom(flags);
  if (Object.keys(fields).length === 0) {
    throw new CliError(
      "Nothing to update: give at least one of --url, --events, --format, --inbox, --active, --inactive.",
    );
  }
  show(await client.update(webhookId, fields as UpdateWebhookParams), flags);
}

/** Asks on the terminal; without one, the caller must have passed --yes. */
export async function confirm(question: string, yes: boolean | undefined, flag = "--yes"): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY)
    throw new CliError(`Not a terminal, so nothing can be confirmed: pass ${flag} to go ahead.`);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError("Cancelled; nothing was changed.");
  } finally {
    prompt.close();
  }
}

export async function deleteCommand(
  client: WebhooksClient,
  id: string,
  options: OutputOptions & { yes?: boolean },
): Promise<void> {
  const webhookId = positiveInteger(id, "ID");
  await confirm(`Delete webhook #${webhookId}? Mailtrap stops sending to it at once.`, options.yes);
  const deleted = await client.delete(webhookId);
  if (options.json) printJson(deleted);
  else info(`Deleted webhook #${deleted.id} (${deleted.webhook_type} ${deleted.url}).`);
}
