// Bodies shaped like the spec's own examples, read through @mailtrap-webhooks/spec so no
// shape is written twice and every $ref is followed the way the spec package follows it.
import { createHmac, randomBytes } from "node:crypto";
import { exampleEvents, followRefs, loadSpec } from "@mailtrap-webhooks/spec";

/** @typedef {Record<string, unknown>} Json */
/** @typedef {import("@mailtrap-webhooks/spec").SpecNode} SpecNode */

const METHODS = ["get", "post", "patch", "put", "delete"];

/** The value of the first example of a response or request body (`$ref`s followed). */
/** @param {SpecNode} node @param {string} where @returns {unknown} */
function firstExample(node, where) {
  const media = followRefs(node).content?.["application/json"];
  const [example] = Object.values(media?.examples ?? {});
  if (!example) throw new Error(`The spec gives no JSON example for ${where}`);
  return followRefs(example).value;
}

/** Every management operation of the spec, in both path forms, with its 200 example as JSON text. */
function operations() {
  return Object.entries(loadSpec().paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method];
      return {
        operationId: /** @type {string} */ (operation.operationId),
        method: method.toUpperCase(),
        // `{account_id}` and `{webhook_id}` match one path segment each.
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
        body: JSON.stringify(firstExample(operation.responses["200"], `${operation.operationId} 200`)),
        operation,
      };
    }),
  );
}

/** The operation behind each client method (the token-scoped names; the account form answers the same). */
const OPERATION_OF = /** @type {const} */ ({
  list: "listWebhooks",
  create: "createWebhook",
  get: "getWebhook",
  update: "updateWebhook",
  delete: "deleteWebhook",
});

/** @param {string} operationId */
function operation(operationId) {
  const found = operations().find((op) => op.operationId === operationId);
  if (!found) throw new Error(`The spec has no operation ${operationId}`);
  return found;
}

/** The five management answers (200 bodies), as JSON text. */
export function apiBodies() {
  return /** @type {Record<keyof typeof OPERATION_OF, string>} */ (
    Object.fromEntries(Object.entries(OPERATION_OF).map(([method, id]) => [method, operation(id).body]))
  );
}

/**
 * What the fake server answers: every operation of the spec, in both path forms. Answers are
 * remembered per method and path, so the lookup costs the same as before the table grew.
 */
export function apiRoutes() {
  const table = operations().map(({ method, pattern, body }) => ({ method, pattern, body }));
  return { table, seen: /** @type {Map<string, string | undefined>} */ (new Map()) };
}

/**
 * The answer body for a method and path (query ignored), or undefined for 404.
 * @param {ReturnType<typeof apiRoutes>} routes @param {string | undefined} method @param {string} url
 * @returns {string | undefined}
 */
export function route(routes, method, url) {
  const q = url.indexOf("?");
  const key = `${method} ${q === -1 ? url : url.slice(0, q)}`;
  if (routes.seen.has(key)) return routes.seen.get(key);
  const path = key.slice(key.indexOf(" ") + 1);
  const body = routes.table.find((r) => r.method === method && r.pattern.test(path))?.body;
  routes.seen.set(key, body);
  return body;
}

/** The first create and the first update example of the spec, without their `webhook` envelope. */
export function requestBodies() {
  /** @param {keyof typeof OPERATION_OF} method */
  const body = (method) => {
    const { operation: op, operationId } = operation(OPERATION_OF[method]);
    return /** @type {{ webhook: Json }} */ (firstExample(op.requestBody, `${operationId} request`)).webhook;
  };
  return { create: body("create"), update: body("update") };
}

/**
 * `count` events cycling through the spec's event examples, each with its own event_id.
 * @param {number} count
 */
export function events(count) {
  // Every sending event kind, and one audit-log event.
  const templates = /** @type {Json[]} */ ([
    ...exampleEvents("sending"),
    ...exampleEvents("audit_log").slice(0, 1),
  ]);
  /** @type {Json[]} */
  const out = [];
  for (let i = 0; i < count; i++) {
    const template = /** @type {Json} */ (templates[i % templates.length]);
    const id = `${i.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
    out.push(
      "event_id" in template ? { ...template, event_id: id } : { ...template, timestamp: 1728672000 + i },
    );
  }
  return out;
}

/** A 500-event delivery as JSON and JSON Lines text. */
export function deliveries(count = 500) {
  const list = events(count);
  return {
    count,
    json: JSON.stringify({ events: list }),
    jsonl: `${list.map((e) => JSON.stringify(e)).join("\n")}\n`,
  };
}

/**
 * A JSON Lines body of about `bytes` bytes (whole events), its secret and signature.
 * @param {number} bytes
 */
export function signedBody(bytes) {
  const list = events(Math.max(1, Math.ceil(bytes / 200)));
  let text = "";
  for (const e of list) {
    const line = `${JSON.stringify(e)}\n`;
    if (text.length + line.length > bytes) break;
    text += line;
  }
  text = text.padEnd(bytes, " ");
  const body = Buffer.from(text, "utf8");
  const secret = randomBytes(16).toString("hex");
  const signature = createHmac("sha256", secret).update(body).digest("hex");
  return { body, secret, signature };
}
