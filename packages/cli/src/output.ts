/**
 * What people and scripts see: aligned tables and colour for people (on a terminal only), JSON
 * for scripts, and messages on stderr so that stdout stays parseable.
 */
import type { Webhook } from "@mailtrap-webhooks/types";
import Table from "cli-table3";
import picocolors from "picocolors";
import type { Change, Plan } from "./plan.js";

// Colour when stdout is a terminal, as the README says: NO_COLOR turns it off, FORCE_COLOR on
// (FORCE_COLOR=0 off). picocolors' own choice also colours whenever CI is set, which puts escape
// codes into piped output and log files.
const { NO_COLOR, FORCE_COLOR, TERM } = process.env;
const colour = NO_COLOR
  ? false
  : FORCE_COLOR
    ? FORCE_COLOR !== "0" && FORCE_COLOR !== "false"
    : Boolean(process.stdout.isTTY) && TERM !== "dumb";
export const pc = picocolors.createColors(colour);

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export const info = (message: string) => process.stderr.write(`${message}\n`);
export const warn = (message: string) => process.stderr.write(`${pc.yellow("warning:")} ${message}\n`);

/** A borderless table whose columns line up, like `kubectl get`. */
function table(head: string[], rows: string[][]): string {
  const blank = { top: "", "top-mid": "", "top-left": "", "top-right": "", bottom: "", "bottom-mid": "" };
  const edges = { "bottom-left": "", "bottom-right": "", left: "", "left-mid": "", mid: "", "mid-mid": "" };
  const inner = { right: "", "right-mid": "", middle: "  " };
  const output = new Table({
    head: head.map((title) => pc.bold(title)),
    chars: { ...blank, ...edges, ...inner },
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  output.push(...rows);
  // The last column is padded too; trailing blanks only get in the way of copy and paste.
  return output
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}

const subscription = (webhook: Webhook) =>
  [
    webhook.sending_stream,
    webhook.event_types?.join(","),
    webhook.domain_id == null ? undefined : `domain ${webhook.domain_id}`,
    webhook.inbound_inbox_id == null ? undefined : `inbox ${webhook.inbound_inbox_id}`,
  ]
    .filter(Boolean)
    .join(" ");

export function webhooksTable(webhooks: readonly Webhook[]): string {
  if (webhooks.length === 0) return pc.dim("No webhooks.");
  return table(
    ["ID", "TYPE", "URL", "ACTIVE", "FORMAT", "SUBSCRIPTION"],
    webhooks.map((webhook) => [
      String(webhook.id),
      webhook.webhook_type,
      webhook.url,
      webhook.active ? pc.green("yes") : pc.red("no"),
      webhook.payload_format,
      subscription(webhook),
    ]),
  );
}

export function webhookDetails(webhook: Webhook): string {
  const rows = Object.entries(webhook).map(([field, value]) => [
    field,
    Array.isArray(value) ? value.join(", ") : String(value),
  ]);
  return table(["FIELD", "VALUE"], rows);
}

const show = (value: unknown) =>
  Array.isArray(value) ? `[${value.join(", ")}]` : JSON.stringify(value ?? null);

const createdFields = (webhook: Record<string, unknown>) => {
  const { url: _url, webhook_type: _type, ...rest } = webhook;
  return Object.entries(rest).map(([field, value]) => `      ${field}: ${show(value)}`);
};

function describeChange(change: Change): string[] {
  switch (change.kind) {
    case "create":
      return [
        `  ${pc.green("+ create")} ${change.webhook.webhook_type} ${change.webhook.url}`,
        ...createdFields(change.webhook),
      ];
    case "replace": {
      const { current, webhook } = change;
      const fixed = change.changes.map(
        ({ field, before, after }) => `${field}: ${show(before)} → ${show(after)}`,
      );
      return [
        `  ${pc.magenta("-/+ replace")} #${current.id} ${webhook.webhook_type} ${webhook.url} (${fixed.join(", ")})`,
        ...createdFields(webhook),
        change.deleteCurrent
          ? `      #${current.id} is deleted once the new webhook exists (${fixed.length > 1 ? "these fields" : "this field"} cannot be updated).`
          : pc.yellow(
              `      #${current.id} stays without --prune: both webhooks would get the same events. --prune deletes it.`,
            ),
      ];
    }
    case "update":
      return [
        `  ${pc.yellow("~ update")} #${change.current.id} ${change.current.webhook_type} ${change.current.url}`,
        ...change.changes.map(
          ({ field, before, after }) => `      ${field}: ${show(before)} → ${show(after)}`,
        ),
      ];
    case "delete":
      return [
        `  ${pc.red("- delete")} #${change.current.id} ${change.current.webhook_type} ${change.current.url}`,
      ];
  }
}

export function planText(plan: Plan): string {
  const counts = { create: 0, replace: 0, update: 0, delete: 0 };
  for (const change of plan.changes) counts[change.kind]++;
  const lines = plan.changes.flatMap(describeChange);
  // "to replace" only when there is one, so the usual summary reads as it always has.
  const replaced = counts.replace > 0 ? ` ${counts.replace} to replace,` : "";
  const summary =
    plan.changes.length === 0
      ? pc.green(`No changes. ${plan.unchanged.length} webhook(s) match the file.`)
      : `Plan: ${counts.create} to create,${replaced} ${counts.update} to update, ${counts.delete} to delete; ${plan.unchanged.length} unchanged.`;
  const unmanaged =
    plan.unmanaged.length > 0
      ? [
          pc.dim(
            `${plan.unmanaged.length} webhook(s) not in the file are left alone (#${plan.unmanaged.map((w) => w.id).join(", #")}); --prune deletes them.`,
          ),
        ]
      : [];
  return [...lines, ...(lines.length ? [""] : []), summary, ...unmanaged].join("\n");
}

/** A plan as JSON for scripts. */
export function planJson(plan: Plan) {
  return {
    changes: plan.changes.map((change) => {
      switch (change.kind) {
        case "create":
          return { action: "create", webhook: change.webhook };
        case "replace":
          return {
            action: "replace",
            id: change.current.id,
            webhook: change.webhook,
            changes: change.changes,
            old: change.deleteCurrent ? "deleted" : "kept",
          };
        case "update":
          return { action: "update", id: change.current.id, changes: change.changes };
        default:
          return { action: "delete", id: change.current.id, webhook: change.current };
      }
    }),
    unchanged: plan.unchanged.map((webhook) => webhook.id),
    unmanaged: plan.unmanaged.map((webhook) => webhook.id),
  };
}
