// Bodies shaped like the spec's own examples, read from the spec so no shape is written twice.
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { exampleEvents } from "@mailtrap-webhooks/mock/spec";
import { parse } from "yaml";

export const SPEC_PATH = fileURLToPath(
  new URL("../../../spec/mailtrap-webhooks.openapi.yaml", import.meta.url),
);

/** @typedef {Record<string, unknown>} Json */

/** @type {{ examples: Record<string, { value: unknown }>, paths: Record<string, any> } | undefined} */
let loaded;
/** Read and parsed once per process; callers get copies of what they keep. */
function loadSpec() {
  if (!loaded) {
    const spec = parse(readFileSync(SPEC_PATH, "utf8"));
    loaded = { examples: spec.components.examples, paths: spec.paths };
  }
  return loaded;
}

/** @param {Record<string, { value: unknown }>} examples @param {string} name */
function example(examples, name) {
  const found = examples[name];
  if (!found) throw new Error(`The spec has no example named ${name}`);
  return found.value;
}

/** The five management answers (200 bodies), as JSON text. */
export function apiBodies() {
  const { examples, paths } = loadSpec();
  const collection = paths["/api/accounts/{account_id}/webhooks"];
  const created = collection.post.responses["200"].content["application/json"].examples.created.value;
  const single = example(examples, "SingleWebhook");
  return {
    list: JSON.stringify(example(examples, "WebhookList")),
    create: JSON.stringify(created),
    get: JSON.stringify(single),
    update: JSON.stringify(single),
    delete: JSON.stringify(single),
  };
}

const COLLECTION_PATH = "/api/accounts/1/webhooks";
const ITEM_PATH = /^\/api\/accounts\/1\/webhooks\/(\d+)$/;

/**
 * The answer body for a method and path (query ignored), or undefined for 404.
 * @param {ReturnType<typeof apiBodies>} bodies @param {string | undefined} method @param {string} url
 * @returns {string | undefined}
 */
export function route(bodies, method, url) {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (path === COLLECTION_PATH) {
    if (method === "GET") return bodies.list;
    if (method === "POST") return bodies.create;
    return undefined;
  }
  if (!ITEM_PATH.test(path)) return undefined;
  if (method === "GET") return bodies.get;
  if (method === "PATCH") return bodies.update;
  if (method === "DELETE") return bodies.delete;
  return undefined;
}

/** A create request like the spec's email_sending example, and a small update. */
export function requestBodies() {
  const { paths } = loadSpec();
  const post = paths["/api/accounts/{account_id}/webhooks"].post;
  const examples = post.requestBody.content["application/json"].examples;
  const first = /** @type {{ value: { webhook: Json } }} */ (Object.values(examples)[0]);
  return {
    create: structuredClone(first.value.webhook),
    update: { active: false, url: "https://example.com/hooks/v2/mailtrap" },
  };
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
