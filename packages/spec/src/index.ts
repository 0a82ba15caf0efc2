/**
 * @mailtrap-webhooks/spec: the OpenAPI 3.1 description of Mailtrap's Webhooks API, and the
 * one loader every reader of it uses (types generator, mock, tests, benchmarks, release checks).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CORE_SCHEMA, load } from "js-yaml";

/** Absolute path of the YAML document shipped in this package. */
export const specPath: string = fileURLToPath(new URL("./mailtrap-webhooks.openapi.yaml", import.meta.url));

/** Absolute path of the same document as JSON. */
export const specJsonPath: string = fileURLToPath(
  new URL("./mailtrap-webhooks.openapi.json", import.meta.url),
);

/** Any JSON node of the document; OpenAPI nodes are loosely typed on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: a parsed document is walked by path, not by a fixed shape
export type SpecNode = Record<string, any>;

/** The parts of the document readers walk. Everything is as written in the YAML. */
export interface SpecDocument extends SpecNode {
  openapi: string;
  info: SpecNode;
  paths: Record<string, SpecNode>;
  webhooks: Record<string, SpecNode>;
  components: {
    schemas: Record<string, SpecNode>;
    examples: Record<string, { summary?: string; value: unknown }>;
    [section: string]: Record<string, SpecNode>;
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Parses another copy of the document (a scratch edit, a released snapshot). Not cached. */
export function readSpecFile(path: string): SpecDocument {
  // js-yaml is already in the tree (the ref parser uses it) and parses this document about ten
  // times faster than the `yaml` package. The core schema keeps plain JSON types: no dates.
  return load(readFileSync(path, "utf8"), { schema: CORE_SCHEMA, filename: path }) as SpecDocument;
}

let parsed: SpecDocument | undefined;

/**
 * The document as written, `$ref`s kept, parsed once per process and frozen (so no reader
 * can change what the next one sees: copy before editing, e.g. with `structuredClone`).
 */
export function loadSpec(): SpecDocument {
  // The JSON copy built beside the YAML: JSON.parse takes a millisecond.
  parsed ??= deepFreeze(JSON.parse(readFileSync(specJsonPath, "utf8")) as SpecDocument);
  return parsed;
}

let dereferenced: Promise<SpecDocument> | undefined;

/**
 * The document with every `$ref` replaced by what it points to, built once per process.
 * Shared subtrees are shared objects; the result is frozen like `loadSpec()`'s.
 */
export function loadDereferencedSpec(): Promise<SpecDocument> {
  dereferenced ??= dereferenceSpec(structuredClone(loadSpec())).then(deepFreeze);
  return dereferenced;
}

/** Replaces every local `$ref` of `document` in place and returns it. */
export async function dereferenceSpec(document: SpecDocument): Promise<SpecDocument> {
  // Loaded on first use: most readers never dereference.
  const { dereference } = await import("@apidevtools/json-schema-ref-parser");
  return (await dereference(document, { dereference: { circular: false } })) as SpecDocument;
}

/** The node a local `$ref` such as `#/components/schemas/Webhook` points to. */
export function resolveRef(ref: string, document: SpecNode = loadSpec()): SpecNode {
  if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, got ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    node = typeof node === "object" && node !== null ? (node as SpecNode)[key] : undefined;
  }
  if (node === undefined) throw new Error(`The spec has nothing at ${ref}`);
  return node as SpecNode;
}

/** Follows `$ref` hops from `node` until a node without one. */
export function followRefs(node: SpecNode, document: SpecNode = loadSpec()): SpecNode {
  let current = node;
  for (let hops = 0; typeof current.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${current.$ref}`);
    current = resolveRef(current.$ref, document);
  }
  return current;
}

/**
 * The kinds of delivery, each an entry of the document's top-level `webhooks`: what an
 * `email_sending`, `campaigns`, `audit_log` or `inbound_receiving` webhook receives.
 */
export const deliveryEntries = {
  sending: "sendingEvents",
  campaigns: "campaignEvents",
  audit_log: "auditLogEvents",
  inbound: "inboundEvents",
} as const;

export type DeliveryKind = keyof typeof deliveryEntries;

/** The value of `components.examples[name]`, deep-copied. */
export function exampleValue(name: string): unknown {
  const example = loadSpec().components.examples[name];
  if (!example) throw new Error(`The spec has no example named ${name}`);
  return structuredClone(example.value);
}

/**
 * The example events the spec gives for one kind of delivery, in document order, deep-copied:
 * each JSON Lines example (one event each) or, for a delivery with none, the events of its
 * JSON batch examples.
 */
export function exampleEvents(kind: DeliveryKind): SpecNode[] {
  const spec = loadSpec();
  const entry = deliveryEntries[kind];
  const content = spec.webhooks[entry]?.post?.requestBody?.content as Record<string, SpecNode> | undefined;
  if (!content) throw new Error(`The spec has no delivery webhooks.${entry}`);
  const values = (mediaType: string) =>
    Object.values((content[mediaType]?.examples ?? {}) as Record<string, SpecNode>).map(
      (example) => followRefs(example, spec).value as unknown,
    );
  const lines = values("application/jsonl");
  const events =
    lines.length > 0
      ? lines
      : values("application/json").flatMap((batch) => (batch as { events: unknown[] }).events);
  if (events.length === 0) throw new Error(`The spec gives no example events for webhooks.${entry}`);
  return events.map((event) => structuredClone(event) as SpecNode);
}

const schemaPrefix = "#/components/schemas/";

/**
 * One schema of `components.schemas` as a standalone JSON Schema (draft 2020-12) document, for
 * validators such as Ajv: every schema of the document rides along under `$defs`, with the
 * `$ref`s rewritten to point there. Deep-copied; a new document per call.
 */
export function jsonSchemaOf(name: string): SpecNode {
  const schemas = loadSpec().components.schemas;
  if (!schemas[name]) throw new Error(`The spec has no schema ${name}`);
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== "object" || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) =>
        key === "$ref" && typeof value === "string" && value.startsWith(schemaPrefix)
          ? [key, `#/$defs/${value.slice(schemaPrefix.length)}`]
          : [key, rewrite(value)],
      ),
    );
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $ref: `#/$defs/${name}`,
    $defs: rewrite(schemas) as SpecNode,
  };
}

/** The payload format each delivery media type stands for (API facts: `json` and `jsonlines`). */
const formatOfMediaType: Readonly<Record<string, "json" | "jsonlines">> = {
  "application/json": "json",
  "application/jsonl": "jsonlines",
};

/**
 * The payload formats a kind of delivery comes in, from the media types of its request body:
 * `["json", "jsonlines"]` for sending events, `["json"]` for inbound.
 */
export function deliveryFormats(kind: DeliveryKind): Array<"json" | "jsonlines"> {
  const spec = loadSpec();
  const body = spec.webhooks[deliveryEntries[kind]]?.post?.requestBody;
  const mediaTypes = Object.keys(body ? (followRefs(body, spec).content ?? {}) : {});
  return mediaTypes.flatMap((mediaType) => formatOfMediaType[mediaType] ?? []);
}
