// The spec as data: the contract suite derives its cases from it, so a status or an
// example added to the spec is tested without editing this suite. The document and its
// $refs come from @mailtrap-webhooks/spec, the one reader of the spec.
import {
  type DeliveryKind,
  deliveryEntries,
  followRefs,
  loadSpec,
  type SpecNode,
} from "@mailtrap-webhooks/spec";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const spec = loadSpec();

const methods = ["get", "post", "patch", "put", "delete"] as const;

/**
 * `token`: `/api/webhooks[/{webhook_id}]`, the account is the API token's (a client without
 * `accountId`). `account`: the path names `{account_id}` (a client with one).
 */
export type PathForm = "token" | "account";

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  form: PathForm;
  statuses: number[];
}

/** Every management operation with its method, path, path form and documented statuses, from `paths`. */
export function operations(): Operation[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    methods
      .filter((method) => item[method])
      .map((method) => {
        const operation = item[method] as SpecNode;
        return {
          operationId: operation.operationId as string,
          method: method.toUpperCase(),
          path,
          form: path.includes("{account_id}") ? "account" : "token",
          statuses: Object.keys(operation.responses).map(Number),
        };
      }),
  );
}

function operationNode(operationId: string): SpecNode {
  for (const item of Object.values(spec.paths)) {
    for (const method of methods) {
      if (item[method]?.operationId === operationId) return item[method];
    }
  }
  throw new Error(`The spec has no operation ${operationId}`);
}

export interface SpecExample {
  /** Where the example sits, e.g. `components.responses.WebhookList application/json: webhooks`. */
  where: string;
  /** The schema's name in components.schemas. */
  schema: string;
  value: unknown;
}

/** The schema name a media type's `$ref` names (the Ajv validator below is keyed by it). */
function schemaName(where: string, media: SpecNode): string {
  const name = (media.schema?.$ref as string | undefined)?.split("/").pop();
  if (!name) throw new Error(`${where} has no $ref schema`);
  return name;
}

/** Every example object reached so far, to find the examples no media type uses. */
const reached = new Set<unknown>();

function examplesOf(where: string, body: SpecNode | undefined): SpecExample[] {
  const content = (body ? followRefs(body).content : undefined) as Record<string, SpecNode> | undefined;
  return Object.entries(content ?? {}).flatMap(([mediaType, media]) => {
    const schema = schemaName(`${where} ${mediaType}`, media);
    return Object.entries((media.examples ?? {}) as Record<string, SpecNode>).map(([name, example]) => {
      const resolved = followRefs(example);
      reached.add(resolved);
      return { where: `${where} ${mediaType}: ${name}`, schema, value: resolved.value };
    });
  });
}

/** A shared body is named after its component, so it is listed once however many operations use it. */
function placeOf(node: SpecNode, otherwise: string): string {
  const ref = node.$ref as string | undefined;
  return ref ? ref.slice(2).replaceAll("/", ".") : otherwise;
}

/** Every example of the delivery side (the top-level `webhooks` section), with its delivery kind. */
export function webhookExamples(): Array<SpecExample & { kind: DeliveryKind }> {
  return (Object.entries(deliveryEntries) as Array<[DeliveryKind, string]>).flatMap(([kind, entry]) => {
    const delivery = spec.webhooks[entry];
    if (!delivery) throw new Error(`The spec has no delivery webhooks.${entry}`);
    return examplesOf(`webhooks.${entry} request`, delivery.post.requestBody).map((example) => ({
      ...example,
      kind,
    }));
  });
}

/** Every request and response example of the management operations, each shared one once. */
export function operationExamples(): SpecExample[] {
  const byPlace = new Map<string, SpecExample[]>();
  for (const { operationId } of operations()) {
    const operation = operationNode(operationId);
    const bodies: Array<[SpecNode | undefined, string]> = [
      [operation.requestBody, `${operationId} request`],
      ...Object.entries(operation.responses as Record<string, SpecNode>).map(
        ([status, response]): [SpecNode, string] => [response, `${operationId} ${status}`],
      ),
    ];
    for (const [body, otherwise] of bodies) {
      if (!body) continue;
      const place = placeOf(body, otherwise);
      if (!byPlace.has(place)) byPlace.set(place, examplesOf(place, body));
    }
  }
  return [...byPlace.values()].flat();
}

/** Names in `components.examples` that no request, response or delivery uses (so none is checked). */
export function unusedExamples(): string[] {
  webhookExamples();
  operationExamples();
  return Object.entries(spec.components.examples)
    .filter(([, example]) => !reached.has(example))
    .map(([name]) => name);
}

/** The schema name and the (first) example of one operation's response for one status. */
export function responseOf(operationId: string, status: number): { schema: string; example: unknown } {
  const response = operationNode(operationId).responses[String(status)];
  if (!response) throw new Error(`${operationId} does not document ${status}`);
  const media = followRefs(response).content?.["application/json"];
  const first = Object.values((media?.examples ?? {}) as Record<string, SpecNode>)[0];
  if (!media || !first) throw new Error(`${operationId} ${status} has no JSON example`);
  return { schema: schemaName(`${operationId} ${status}`, media), example: followRefs(first).value };
}

/** The value of the first JSON example of one operation's request body. */
export function requestExampleOf(operationId: string): unknown {
  const body = operationNode(operationId).requestBody as SpecNode | undefined;
  const media = body ? followRefs(body).content?.["application/json"] : undefined;
  const first = Object.values((media?.examples ?? {}) as Record<string, SpecNode>)[0];
  if (!first) throw new Error(`${operationId} has no JSON request example`);
  return followRefs(first).value;
}

/** Ajv (draft 2020-12, the spec's jsonSchemaDialect) loaded with every schema of the spec. */
export function schemaValidator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv);
  // OpenAPI's discriminator is a hint for code generators; oneOf already decides validity.
  ajv.addKeyword("discriminator");
  // Strict Ajv rejects the non-schema `components` wrapper, so the schemas move to `$defs`
  // (the pointers are renamed for Ajv, which resolves them itself).
  const defs = JSON.parse(
    JSON.stringify(spec.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'),
  ) as Record<string, unknown>;
  ajv.addSchema({ $id: "spec", $defs: defs });
  return (schema: string, value: unknown) => {
    const validate = ajv.getSchema(`spec#/$defs/${schema}`);
    if (!validate) throw new Error(`no schema ${schema} in the spec`);
    const valid = validate(value) as boolean;
    return { valid, errors: ajv.errorsText(validate.errors) };
  };
}
