/**
 * plan and apply: webhooks as code. `plan` exits 0 when the account matches the file and 2 when
 * changes are pending (for drift checks in CI). `apply` makes the changes in order, stops at the
 * first failure and says what was done and what was not; run twice, it finds nothing to do.
 */
import type { UpdateWebhookParams, WebhooksClient } from "@mailtrap-webhooks/client";
import type { CreatedWebhook, CreateWebhookRequest } from "@mailtrap-webhooks/types";
import { describeFailure } from "./failure.js";
import { confirm } from "./manage.js";
import { readManifest } from "./manifest.js";
import { info, pc, planJson, planText, printJson, warn } from "./output.js";
import { type Change, type Plan, planChanges } from "./plan.js";
import { announceSecret, checkSecretFile, rescuedSecret, secretLine, writeSecretFile } from "./secrets.js";

export interface SyncOptions {
  file: string;
  prune?: boolean;
  json?: boolean;
  /** --account or MAILTRAP_ACCOUNT_ID was given (for what a 404 asks to check). */
  account?: boolean;
}

/** Exit codes scripts can trust. */
export const exitCodes = { clean: 0, failed: 1, changesPending: 2 } as const;

async function makePlan(client: WebhooksClient, options: SyncOptions): Promise<Plan> {
  const { webhooks } = readManifest(options.file);
  return planChanges(webhooks, await client.list(), { prune: options.prune ?? false });
}

export async function planCommand(client: WebhooksClient, options: SyncOptions): Promise<number> {
  const plan = await makePlan(client, options);
  if (options.json) printJson(planJson(plan));
  else process.stdout.write(`${planText(plan)}\n`);
  return plan.changes.length === 0 ? exitCodes.clean : exitCodes.changesPending;
}

const label = (change: Change) =>
  change.kind === "create"
    ? `create ${change.webhook.webhook_type} ${change.webhook.url}`
    : `${change.kind} #${change.current.id} ${change.current.webhook_type} ${change.current.url}`;

export async function applyCommand(
  client: WebhooksClient,
  options: SyncOptions & { yes?: boolean; secretOut?: string },
): Promise<number> {
  const plan = await makePlan(client, options);
  // With --json, stdout gets only the JSON at the end; the plan to confirm goes to stderr.
  if (!options.json) process.stdout.write(`${planText(plan)}\n`);
  else if (!options.yes && plan.changes.length > 0) process.stderr.write(`${planText(plan)}\n`);
  if (plan.changes.length === 0) {
    if (options.json) printJson({ ...planJson(plan), applied: [] });
    return exitCodes.clean;
  }
  const creates = plan.changes.some((change) => change.kind === "create" || change.kind === "replace");
  if (options.secretOut && creates) checkSecretFile(options.secretOut);
  for (const change of plan.changes) {
    if (change.kind === "replace" && !change.deleteCurrent) {
      warn(
        `#${change.current.id} stays next to the webhook that replaces it, so both get the same events: apply --prune deletes it.`,
      );
    }
  }
  await confirm("Apply these changes?", options.yes);

  const applied: unknown[] = [];
  const unsaved: number[] = [];
  const total = plan.changes.length;

  /** Creates one webhook and keeps its secret: in --secret-out, or printed once. */
  const create = async (request: CreateWebhookRequest, step: string, replacing?: number) => {
    const created: CreatedWebhook = await client.create(request);
    const { signing_secret: _kept, ...webhook } = created;
    applied.push({
      action: replacing === undefined ? "create" : "replace",
      ...(replacing === undefined ? {} : { id: replacing }),
      webhook: options.secretOut ? webhook : created,
    });
    const what = `#${created.id} ${created.webhook_type} ${created.url}`;
    info(
      `${step} ${pc.green("created")} ${what}${replacing === undefined ? "" : `, replacing #${replacing}`}`,
    );
    if (options.secretOut) {
      try {
        writeSecretFile(options.secretOut, secretLine(created), true);
      } catch (error) {
        // The webhook exists and Mailtrap will not show its secret again: print it rather than lose it.
        process.stderr.write(`${rescuedSecret(created, options.secretOut, error)}\n`);
        unsaved.push(created.id);
      }
    } else if (!options.json) process.stdout.write(`${announceSecret(created)}\n`);
    return created;
  };

  for (const [index, change] of plan.changes.entries()) {
    const step = `[${index + 1}/${total}]`;
    let partly: string | undefined;
    try {
      if (change.kind === "create") {
        await create(change.webhook, step);
      } else if (change.kind === "replace") {
        const created = await create(change.webhook, step, change.current.id);
        if (change.deleteCurrent) {
          partly = `created #${created.id}, but #${change.current.id} is not deleted yet`;
          await client.delete(change.current.id);
          info(`${step} ${pc.red("deleted")} #${change.current.id} ${change.current.url}`);
        }
      } else if (change.kind === "update") {
        // planChanges makes an update only when at least one field changed.
        const updated = await client.update(change.current.id, change.params as UpdateWebhookParams);
        applied.push({ action: "update", webhook: updated });
        info(
          `${step} ${pc.yellow("updated")} #${updated.id} ${change.changes.map((c) => c.field).join(", ")}`,
        );
      } else {
        await client.delete(change.current.id);
        applied.push({ action: "delete", id: change.current.id });
        info(`${step} ${pc.red("deleted")} #${change.current.id} ${change.current.url}`);
      }
    } catch (error) {
      const notDone = plan.changes.slice(index).map(label);
      // A replace fails at its delete only after its create: the 404 then is about an id.
      const byId = change.kind === "update" || change.kind === "delete" || partly !== undefined;
      const [reason = "", ...details] = describeFailure(error, { byId, account: options.account ?? false });
      const report = [
        `${pc.red("error:")} apply stopped at ${label(change)}: ${reason}`,
        ...details,
        `Done: ${index} of ${total} change(s)${partly ? ` (and of this one: ${partly})` : ""}.`,
        `Not done: ${notDone.join("; ")}.`,
        "Fix the cause and run apply again: it picks up what is left.",
      ];
      process.stderr.write(report.map((line) => `${line}\n`).join(""));
      if (options.json) printJson({ ...planJson(plan), applied, failed: label(change) });
      return exitCodes.failed;
    }
  }
  if (options.json)
    printJson({ ...planJson(plan), applied, ...(unsaved.length ? { secrets_not_saved: unsaved } : {}) });
  else info(pc.green(`Applied ${total} change(s).`));
  if (unsaved.length > 0) {
    // Everything was applied, but a script relying on the file must not go on as if it had the secrets.
    info(
      `${pc.red("error:")} the signing secret(s) of #${unsaved.join(", #")} are not in ${options.secretOut}: they are printed above; store them now. The webhooks exist, so apply has nothing left to do.`,
    );
    return exitCodes.failed;
  }
  if (options.secretOut && creates)
    info(`Signing secrets of new webhooks were added to ${options.secretOut} (readable by you only).`);
  return exitCodes.clean;
}
