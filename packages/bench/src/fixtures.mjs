// Bodies taken from the spec's own examples, read through @mailtrap-webhooks/spec, so no API
// shape is written here and every $ref is followed the way the spec package follows it.
import { exampleEvents, followRefs, loadSpec } from "@mailtrap-webhooks/spec";

/** @typedef {Record<string, unknown>} Json */
/** @typedef {import("@mailtrap-webhooks/spec").SpecNode} SpecNode */

/** The client method behind each operation (token-scoped ids; the account form answers alike). */
const OPERATION_OF = /** @type {const} */ ({
  list: "listWebhooks",
  create: "createWebhook",
  get: "getWebhook",
  update: "updateWebhook",
  delete: "deleteWebhook",
});

/** The value of a body's first JSON example. @param {SpecNode} node @param {string} where */
function firstExample(node, where) {
  const media = followRefs(node).content?.["application/json"];
  const [example] = Object.values(media?.examples ?? {});
  if (!example) throw new Error(`The spec gives no JSON example for ${where}`);
  return followRefs(example).value;
}

/** Every operation of the spec, in both path forms, with its 200 example as JSON text. */
function operations() {
  return Object.entries(loadSpec().paths).flatMap(([path, item]) =>
    ["get", "post", "patch", "put", "delete"]
      .filter((method) => item[method])
      .map((method) => {
        const operation = item[method];
        const id = /** @type {string} */ (operation.operationId);
        return {
          id,
          method: method.toUpperCase(),
          // `{account_id}` and `{webhook_id}` match one path segment each.
          pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
          body: JSON.stringify(firstExample(operation.responses["200"], `${id} 200`)),
          operation,
        };
      }),
  );
}

/** @param {keyof typeof OPERATION_OF} method */
function operationOf(method) {
  const found = operations().find((op) => op.id === OPERATION_OF[method]);
  if (!found) throw new Error(`The spec has no operation ${OPERATION_OF[method]}`);
  return found;
}

/** The five answers (200 bodies) as JSON text, by client method. */
export function apiBodies() {
  const methods = /** @type {(keyof typeof OPERATION_OF)[]} */ (Object.keys(OPERATION_OF));
  return Object.fromEntries(methods.map((method) => [method, operationOf(method).body]));
}

/** What the fake server answers, remembered per method and path. */
export function apiRoutes() {
  return { table: operations(), seen: /** @type {Map<string, string | undefined>} */ (new Map()) };
}

/**
 * The answer body for a method and URL path (query ignored), or undefined for a 404.
 * @param {ReturnType<typeof apiRoutes>} routes @param {string | undefined} method @param {string} url
 */
export function route(routes, method, url) {
  const path = url.split("?", 1)[0];
  const key = `${method} ${path}`;
  if (!routes.seen.has(key)) {
    routes.seen.set(key, routes.table.find((r) => r.method === method && r.pattern.test(path))?.body);
  }
  return routes.seen.get(key);
}

/** The spec's first create and update examples, without their `webhook` envelope. */
export function requestBodies() {
  /** @param {"create" | "update"} method */
  const body = (method) => {
    const { operation, id } = operationOf(method);
    return /** @type {{ webhook: Json }} */ (firstExample(operation.requestBody, `${id} request`)).webhook;
  };
  return { create: body("create"), update: body("update") };
}

/** `count` events cycling through the spec's sending examples and one audit-log example. */
function events(/** @type {number} */ count) {
  const templates = /** @type {Json[]} */ ([
    ...exampleEvents("sending"),
    ...exampleEvents("audit_log").slice(0, 1),
  ]);
  return Array.from({ length: count }, (_, i) => {
    const template = /** @type {Json} */ (templates[i % templates.length]);
    const id = `${i.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
    return "event_id" in template
      ? { ...template, event_id: id }
      : { ...template, timestamp: 1728672000 + i };
  });
}

/** One delivery of `count` events as JSON and as JSON Lines text. */
export function deliveries(count = 500) {
  const list = events(count);
  return {
    count,
    json: JSON.stringify({ events: list }),
    jsonl: `${list.map((e) => JSON.stringify(e)).join("\n")}\n`,
  };
}
