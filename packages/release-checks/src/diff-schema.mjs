// Compares two versions of one schema and records what would break the SDK's users.
import { toShape } from "./shape.mjs";

/** @typedef {import("./spec.mjs").Node} Node */
/** @typedef {import("./rules.mjs").Change} Change */
/** @typedef {import("./rules.mjs").Direction} Direction */
/** @typedef {{ before: Node, after: Node, out: Change[] }} Context */
/** @typedef {{ where: string, field: string, direction: Direction, depth: number }} Position */

const MAX_DEPTH = 40;

/**
 * @param {Context} ctx
 * @param {Node[]} before  raw schemas (several = allOf)
 * @param {Node[]} after
 * @param {Position} at
 */
export function diffSchema(ctx, before, after, at) {
  if (at.depth > MAX_DEPTH) return;
  const old = toShape(ctx.before, before);
  const now = toShape(ctx.after, after);
  /** @param {string} rule @param {string} detail @param {string} [field] */
  const report = (rule, detail, field = at.field) =>
    // With no field, the finding is about the schema at `where` itself (a body or a parameter).
    ctx.out.push({ rule, location: field ? `${at.where} › ${field}` : at.where, detail });
  const reading = at.direction === "read";

  if (reading && !old.nullable && now.nullable) report("became-nullable", "may now be null");
  if (!reading && old.nullable && !now.nullable) report("type-changed", "no longer accepts null");

  if (old.types && now.types) {
    const lost = [...old.types].filter(
      (t) => !now.types?.has(t) && !(t === "integer" && now.types?.has("number")),
    );
    const gained = [...now.types].filter(
      (t) => !old.types?.has(t) && !(t === "integer" && old.types?.has("number")),
    );
    if (!reading && lost.length) report("type-changed", `no longer accepts type ${lost.join(", ")}`);
    if (reading && gained.length) report("type-changed", `may now be of type ${gained.join(", ")}`);
  }

  diffValues(old.values, now.values, reading, report);

  for (const [name, schemas] of old.properties) {
    const field = join(at.field, name);
    const next = now.properties.get(name);
    if (!next) {
      report("property-removed", reading ? "is no longer sent" : "is no longer accepted", field);
      continue;
    }
    if (reading && old.required.has(name) && !now.required.has(name)) {
      report("property-became-optional", "may now be missing", field);
    }
    diffSchema(ctx, schemas, next, { ...at, field, depth: at.depth + 1 });
  }
  if (!reading) {
    for (const name of now.required) {
      if (!old.required.has(name))
        report("property-became-required", "is now required", join(at.field, name));
    }
    const isObject = now.properties.size > 0 || now.types?.has("object");
    if (isObject && !old.closed && now.closed) {
      report("additional-properties-tightened", "no longer accepts fields the schema does not list");
    }
  }

  const deeper = at.depth + 1;
  if (old.items.length && now.items.length) {
    diffSchema(ctx, old.items, now.items, { ...at, field: `${at.field}[]`, depth: deeper });
  }
  if (old.extra.length && now.extra.length) {
    diffSchema(ctx, old.extra, now.extra, { ...at, field: join(at.field, "*"), depth: deeper });
  }
  diffVariants(ctx, old.variants, now.variants, { ...at, depth: deeper }, report);
}

/**
 * Readers break on any change to a closed set (TypeScript narrows on it); writers only when it shrinks.
 * @param {Set<string> | null} old @param {Set<string> | null} now @param {boolean} reading
 * @param {(rule: string, detail: string) => void} report
 */
function diffValues(old, now, reading, report) {
  if (old && now) {
    const lost = [...old].filter((v) => !now.has(v));
    const gained = [...now].filter((v) => !old.has(v));
    if (lost.length) report("enum-narrowed", `no longer allows ${lost.join(", ")}`);
    if (reading && gained.length) report("enum-widened", `may now be ${gained.join(", ")}`);
  } else if (now && !reading) {
    report("enum-narrowed", `now only allows ${[...now].join(", ")}`);
  } else if (old && reading) {
    report("enum-widened", "is no longer limited to a fixed set of values");
  }
}

/**
 * Union members match by $ref name (inline members by position).
 * @param {Context} ctx @param {Map<string, Node> | null} old @param {Map<string, Node> | null} now
 * @param {Position} at @param {(rule: string, detail: string) => void} report
 */
function diffVariants(ctx, old, now, at, report) {
  const reading = at.direction === "read";
  if (!old || !now) {
    if (reading && now) report("variant-added", `is now a union of ${[...now.keys()].join(", ")}`);
    if (!reading && old) report("variant-removed", `is no longer a union of ${[...old.keys()].join(", ")}`);
    return;
  }
  for (const [key, schema] of old) {
    const next = now.get(key);
    if (next) diffSchema(ctx, [schema], [next], { ...at, field: `${at.field}<${key}>` });
    else report("variant-removed", `no longer includes the shape ${key}`);
  }
  if (reading) {
    for (const key of now.keys()) {
      if (!old.has(key)) report("variant-added", `now also includes the shape ${key}`);
    }
  }
}

/** @param {string} path @param {string} name */
const join = (path, name) => (path ? `${path}.${name}` : name);
