/**
 * The webhooks file of `plan` and `apply`: YAML or JSON with a top-level `webhooks:` list whose
 * entries are create requests of the API. Checked against the spec's create schema for each
 * entry's `webhook_type`; every problem names its line and field.
 */
import { readFileSync } from "node:fs";
import type { CreateWebhookRequest, WebhookType } from "@mailtrap-webhooks/types";
import type { ErrorObject } from "ajv";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { CliError } from "./failure.js";
import { identity } from "./plan.js";
import { webhookSchemas } from "./schema.js";

export interface Manifest {
  readonly webhooks: readonly CreateWebhookRequest[];
}

export interface ManifestProblem {
  /** 1-based; 0 when the problem is about the file as a whole. */
  readonly line: number;
  /** Where in the document, e.g. `webhooks[1].event_types`. */
  readonly field: string;
  readonly message: string;
}

export class ManifestError extends CliError {
  override name = "ManifestError";
  readonly file: string;
  readonly problems: readonly ManifestProblem[];

  constructor(file: string, problems: readonly ManifestProblem[]) {
    const lines = problems.map((p) => `  ${file}${p.line > 0 ? `:${p.line}` : ""}: ${p.field}: ${p.message}`);
    super(`${file} is not a valid webhooks file:\n${lines.join("\n")}`);
    this.file = file;
    this.problems = problems;
  }
}

export function readManifest(file: string): Manifest {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ManifestError(file, [
      { line: 0, field: "file", message: code === "ENOENT" ? "no such file" : `cannot be read (${code})` },
    ]);
  }
  return parseManifest(text, file);
}

type Path = (string | number)[];

const pathText = (path: Path) =>
  path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    "",
  );

/** Parses and checks a webhooks file's text. JSON is read as the YAML subset it is. */
export function parseManifest(text: string, file = "webhooks file"): Manifest {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? 0 : lineCounter.linePos(offset).line;
  if (document.errors.length > 0) {
    throw new ManifestError(
      file,
      document.errors.map((error) => ({
        line: lineOf(error.pos[0]),
        field: "syntax",
        message: error.message.split("\n")[0] ?? error.message,
      })),
    );
  }
  // The line of the deepest node that exists along `path`.
  const lineAt = (path: Path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as Node | undefined;
      if (node?.range) return lineOf(node.range[0]);
    }
    return 0;
  };

  const root = document.contents;
  const list = isMap(root) ? root.get("webhooks", true) : undefined;
  if (!isMap(root) || !isSeq(list)) {
    throw new ManifestError(file, [
      { line: lineAt([]), field: "webhooks", message: "the file needs a top-level `webhooks:` list" },
    ]);
  }
  const problems: ManifestProblem[] = [];
  for (const key of root.items.map((pair) => String((pair.key as { value?: unknown })?.value ?? pair.key))) {
    if (key !== "webhooks") problems.push({ line: lineAt([key]), field: key, message: "is not a known key" });
  }

  const { createByType } = webhookSchemas();
  const types = [...createByType.keys()];
  const entries = document.toJS().webhooks as unknown[];
  entries.forEach((entry, index) => {
    const at = ["webhooks", index] as Path;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push({
        line: lineAt(at),
        field: pathText(at),
        message: "must be a mapping of webhook fields",
      });
      return;
    }
    const type = (entry as { webhook_type?: unknown }).webhook_type;
    const shape = createByType.get(type as WebhookType);
    if (!shape) {
      const message =
        type === undefined ? `is required: one of ${types.join(", ")}` : `must be one of ${types.join(", ")}`;
      problems.push({
        line: lineAt([...at, "webhook_type"]),
        field: pathText([...at, "webhook_type"]),
        message,
      });
      return;
    }
    if (shape.validate(entry)) return;
    for (const error of shape.validate.errors ?? []) {
      const path = [...at, ...instancePath(error)];
      problems.push({
        line: lineAt(path),
        field: pathText(path),
        message: problemText(error, type as string),
      });
    }
  });
  if (problems.length > 0) throw new ManifestError(file, byLine(problems));
  // Two entries with the same identity would both claim one existing webhook.
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const key = identity(entry as Record<string, unknown>);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else
      problems.push({
        line: lineAt(["webhooks", index]),
        field: `webhooks[${index}]`,
        message: `declares the same webhook as webhooks[${first}] (same url, type and fixed fields)`,
      });
  });
  if (problems.length > 0) throw new ManifestError(file, problems);
  return { webhooks: entries as CreateWebhookRequest[] };
}

const byLine = (problems: ManifestProblem[]) => [...problems].sort((a, b) => a.line - b.line);

function instancePath(error: ErrorObject): Path {
  const path: Path = error.instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (error.keyword === "required") path.push(String(error.params.missingProperty));
  if (error.keyword === "additionalProperties") path.push(String(error.params.additionalProperty));
  return path;
}

function problemText(error: ErrorObject, type: string): string {
  switch (error.keyword) {
    case "required":
      return `is required for ${type} webhooks`;
    case "additionalProperties":
      return `is not a field of ${type} webhooks`;
    case "enum":
      return `must be one of ${(error.params.allowedValues as unknown[]).join(", ")}`;
    default:
      return error.message ?? "is invalid";
  }
}
