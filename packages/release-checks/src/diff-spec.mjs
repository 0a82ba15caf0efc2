// Walks two versions of the spec: operations, parameters, bodies, responses, webhooks, components.
import { followRefs } from "@mailtrap-webhooks/spec";
import { diffSchema } from "./diff-schema.mjs";

/** @typedef {import("./spec.mjs").Node} Node */
/** @typedef {import("./rules.mjs").Change} Change */
/** @typedef {import("./rules.mjs").Direction} Direction */
/** @typedef {import("./diff-schema.mjs").Context} Context */
/** @typedef {{ label: string, operation: Node, shared: Node[], delivery: boolean }} Operation */

/** What a `$ref` (or a chain of them) points to; absent stays absent. */
/** @param {Node} doc @param {Node | undefined} node @returns {Node | undefined} */
const target = (doc, node) => (node === undefined ? undefined : followRefs(node, doc));

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
// The types package exports each of these maps, so removing an entry breaks imports.
const COMPONENT_MAPS = ["schemas", "parameters", "requestBodies", "responses", "headers"];

/** @param {Node} before @param {Node} after @returns {Change[]} */
export function diffSpecs(before, after) {
  /** @type {Context} */
  const ctx = { before, after, out: [] };
  const next = operations(after);
  /** Where each operationId sits now, to say where a renamed operation's old name went. */
  const labelById = new Map([...next.values()].map((op) => [op.operation.operationId, op.label]));
  for (const [key, old] of operations(before)) {
    const now = next.get(key);
    if (now) diffOperation(ctx, old, now, labelById);
    else report(ctx, "operation-removed", old.label, "was removed");
  }
  for (const map of COMPONENT_MAPS) {
    for (const name of Object.keys(before.components?.[map] ?? {})) {
      if (!(name in (after.components?.[map] ?? {}))) {
        report(ctx, "component-removed", `components.${map}.${name}`, "was removed");
      }
    }
  }
  return ctx.out;
}

/** Keys ignore path-parameter names, so a renamed `{id}` shows up as a parameter change. */
/** @param {Node} doc @returns {Map<string, Operation>} */
function operations(doc) {
  /** @type {Map<string, Operation>} */
  const found = new Map();
  /** @param {string} prefix @param {Record<string, Node>} items @param {boolean} delivery */
  const walk = (prefix, items, delivery) => {
    for (const [path, rawItem] of Object.entries(items ?? {})) {
      const item = target(doc, rawItem) ?? {};
      for (const method of METHODS) {
        if (!item[method]) continue;
        const label = `${prefix}${method.toUpperCase()} ${path}`;
        const key = `${prefix}${method} ${path.replace(/\{[^}]*\}/g, "{}")}`;
        found.set(key, { label, operation: item[method], shared: item.parameters ?? [], delivery });
      }
    }
  };
  walk("", doc.paths, false);
  walk("webhook ", doc.webhooks, true);
  return found;
}

/** Deliveries flip the direction: Mailtrap writes them and the SDK user reads them. */
/**
 * @param {Context} ctx @param {Operation} old @param {Operation} now
 * @param {Map<string, string>} labelById  operationId → label in the new spec
 */
function diffOperation(ctx, old, now, labelById) {
  const label = now.label;
  const sent = now.delivery ? "read" : "write";
  const oldId = old.operation.operationId;
  if (oldId && oldId !== now.operation.operationId) {
    // Say where an old name went: code keyed by it may still compile, now typed after
    // another path's operation.
    const movedTo = labelById.get(oldId);
    const detail = `operationId ${oldId} is now ${now.operation.operationId}`;
    report(ctx, "operation-id-changed", label, movedTo ? `${detail}; ${oldId} now names ${movedTo}` : detail);
  }
  diffParameters(ctx, parameters(ctx.before, old), parameters(ctx.after, now), label, sent);
  diffRequestBody(ctx, old.operation.requestBody, now.operation.requestBody, label, sent);
  // A delivery's responses are written by the receiver and only 200 matters; not compared.
  if (!now.delivery) diffResponses(ctx, old.operation.responses ?? {}, now.operation.responses ?? {}, label);
}

/** Operation-level parameters override path-level ones with the same name and location. */
/** @param {Node} doc @param {Operation} op @returns {Map<string, Node>} */
function parameters(doc, op) {
  /** @type {Map<string, Node>} */
  const byKey = new Map();
  for (const raw of [...op.shared, ...(op.operation.parameters ?? [])]) {
    const param = target(doc, raw);
    if (!param) continue;
    const name = param.in === "header" ? String(param.name).toLowerCase() : param.name;
    byKey.set(`${param.in} ${name}`, param);
  }
  return byKey;
}

/**
 * @param {Context} ctx @param {Map<string, Node>} old @param {Map<string, Node>} now
 * @param {string} label @param {Direction} direction
 */
function diffParameters(ctx, old, now, label, direction) {
  for (const [key, param] of old) {
    const where = `${label} › ${param.in} parameter ${param.name}`;
    const next = now.get(key);
    if (!next) {
      report(ctx, "parameter-removed", where, "was removed");
      continue;
    }
    if (direction === "write" && !param.required && next.required) {
      report(ctx, "parameter-became-required", where, "is now required");
    }
    if (direction === "read" && param.required && !next.required) {
      report(ctx, "parameter-became-optional", where, "may now be missing");
    }
    diffSchema(ctx, [param.schema ?? {}], [next.schema ?? {}], { where, field: "", direction, depth: 0 });
  }
  for (const [key, param] of now) {
    if (direction === "write" && !old.has(key) && param.required) {
      report(
        ctx,
        "parameter-added-required",
        `${label} › ${param.in} parameter ${param.name}`,
        "is new and required",
      );
    }
  }
}

/**
 * @param {Context} ctx @param {Node | undefined} rawOld @param {Node | undefined} rawNow
 * @param {string} label @param {Direction} direction
 */
function diffRequestBody(ctx, rawOld, rawNow, label, direction) {
  const old = target(ctx.before, rawOld);
  const now = target(ctx.after, rawNow);
  if (direction === "write" && !old?.required && now?.required) {
    report(
      ctx,
      "request-body-became-required",
      `${label} › request body`,
      old ? "is now required" : "is new and required",
    );
  }
  diffContent(ctx, old?.content ?? {}, now?.content ?? {}, `${label} › request body`, direction);
}

/** @param {Context} ctx @param {Node} old @param {Node} now @param {string} label */
function diffResponses(ctx, old, now, label) {
  for (const [status, raw] of Object.entries(old)) {
    const where = `${label} › response ${status}`;
    if (!(status in now)) {
      report(ctx, "response-status-removed", where, "is no longer documented");
      continue;
    }
    const before = target(ctx.before, raw);
    const after = target(ctx.after, now[status]);
    diffContent(ctx, before?.content ?? {}, after?.content ?? {}, where, "read");
  }
}

/**
 * @param {Context} ctx @param {Node} old @param {Node} now @param {string} where
 * @param {Direction} direction
 */
function diffContent(ctx, old, now, where, direction) {
  for (const [type, media] of Object.entries(old)) {
    const at = `${where} (${type})`;
    if (!(type in now)) report(ctx, "media-type-removed", at, "is no longer supported");
    else
      diffSchema(ctx, [media.schema ?? {}], [now[type].schema ?? {}], {
        where: at,
        field: "",
        direction,
        depth: 0,
      });
  }
  // Only a body that already had formats can gain a surprising one.
  if (direction !== "read" || Object.keys(old).length === 0) return;
  for (const type of Object.keys(now)) {
    if (!(type in old))
      report(ctx, "media-type-added", `${where} (${type})`, "is a new format readers must handle");
  }
}

/** @param {Context} ctx @param {string} rule @param {string} location @param {string} detail */
function report(ctx, rule, location, detail) {
  ctx.out.push({ rule, location, detail });
}
