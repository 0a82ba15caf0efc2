/**
 * plan and apply: webhooks as code. `plan` exits 0 when the account matches the file and 2 when
 * changes are pending (for drift checks in CI). `apply` makes the changes in order, stops at the
 * first failure and says what was done and what was not; run twice, it finds nothing to do.
 */
import type { UpdateWebhookParams, WebhooksClient } from "@mailtrap-webhooks/client";
import { describeFailure } from "./failure.js";
import { confirm } from "./manage.js";
import { readManifest } from "./manifest.js";
import { info, pc, planJson, planText, printJson } from "./output.js";
import { type Change, type Plan, planChanges } from "./plan.js";
import { announceSecret, secretLine, writeSecretFile } from "./secrets.js";

export interface SyncOptions {
  file: string;
  prune?: boolean;
  json?: boolean;
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
  if (!options.json) process.stdout.write(`${planText(plan)}\n`);
  if (plan.changes.length === 0) {
    if (options.json) printJson({ ...planJson(plan), applied: [] });
    return exitCodes.clean;
  }
  await confirm("Apply these changes?", options.yes);

  const applied: unknown[] = [];
  const total = plan.changes.length;
  for (const [index, change] of plan.changes.entries()) {
    const step = `[${index + 1}/${total}]`;
    try {
      if (change.kind === "create") {
        const created = await client.create(change.webhook);
        if (options.secretOut) writeSecretFile(options.secretOut, secretLine(created), true);
        const { signing_secret: _kept, ...webhook } = created;
        applied.push({ action: "create", webhook: options.secretOut ? webhook : created });
        info(`${step} ${pc.green("created")} #${created.id} ${created.webhook_type} ${created.url}`);
        if (!options.secretOut && !options.json) process.stdout.write(`${announceSecret(created)}\n`);
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
      const [reason = "", ...details] = describeFailure(error);
      const report = [
        `${pc.red("error:")} apply stopped at ${label(change)}: ${reason}`,
        ...details,
        `Done: ${index} of ${total} change(s).`,
        `Not done: ${notDone.join("; ")}.`,
        "Fix the cause and run apply again: it picks up what is left.",
      ];
      process.stderr.write(report.map((line) => `${line}\n`).join(""));
      if (options.json) printJson({ ...planJson(plan), applied, failed: label(change) });
      return exitCodes.failed;
    }
  }
  if (options.secretOut)
    info(`Signing secrets of new webhooks were added to ${options.secretOut} (readable by you only).`);
  if (options.json) printJson({ ...planJson(plan), applied });
  else info(pc.green(`Applied ${total} change(s).`));
  return exitCodes.clean;
}
