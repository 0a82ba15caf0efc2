// The spec as data: the contract suite derives its cases from it, so a status or an
// example added to the spec is tested without editing this suite.
import { readFileSync } from "node:fs";
import { specPath } from "@mailtrap-webhooks/mock";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

interface MediaType {
  schema?: { $ref?: string };
  examples?: Record<string, { $ref?: string; value?: unknown }>;
}
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { $ref?: string; content?: Record<string, MediaType> }>;
}
type PathItem = Record<string, Operation | unknown>;
interface Spec {
  paths: Record<string, PathItem>;
  webhooks: Record<string, { post: Operation }>;
  components: {
    schemas: Record<string, unknown>;
    responses: Record<string, { content?: Record<string, MediaType> }>;
    examples: Record<string, { value: unknown }>;
  };
}

export const spec = parse(readFileSync(specPath, "utf8")) as Spec;

const methods = ["get", "post", "patch", "put", "delete"] as const;

/** Every management operation with its method, path and documented statuses, from `paths`. */
export function operations(): Array<{
  operationId: string;
  method: string;
  path: string;
  statuses: number[];
}> {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    methods
      .filter((method) => item[method])
      .map((method) => {
        const operation = item[method] as Operation;
        return {
          operationId: operation.operationId,
          method: method.toUpperCase(),
          path,
          statuses: Object.keys(operation.responses).map(Number),
        };
      }),
  );
}

function resolve<T>(node: T & { $ref?: string }): T {
  if (!node.$ref) return node;
  const [, , section, name] = node.$ref.split("/");
  return (spec.components as unknown as Record<string, Record<string, T>>)[section ?? ""]?.[name ?? ""] as T;
}

export interface SpecExample {
  /** Where the example sits, e.g. `webhooks.sendingEvents request application/jsonl: softBounce`. */
  where: string;
  /** The schema's name in components.schemas. */
  schema: string;
  value: unknown;
}

function examplesOf(where: string, content: Record<string, MediaType> | undefined): SpecExample[] {
  return Object.entries(content ?? {}).flatMap(([mediaType, media]) => {
    const schema = media.schema?.$ref?.split("/").pop();
    if (!schema) throw new Error(`${where} ${mediaType} has no $ref schema`);
    return Object.entries(media.examples ?? {}).map(([name, example]) => ({
      where: `${where} ${mediaType}: ${name}`,
      schema,
      value: resolve(example).value,
    }));
  });
}

/** Every example of the delivery side (the top-level `webhooks` section). */
export function webhookExamples(): SpecExample[] {
  return Object.entries(spec.webhooks).flatMap(([name, item]) =>
    examplesOf(`webhooks.${name} request`, item.post.requestBody?.content),
  );
}

/** Every request and response example of the management operations. */
export function operationExamples(): SpecExample[] {
  return operations().flatMap(({ operationId, method, path }) => {
    const operation = spec.paths[path]?.[method.toLowerCase()] as Operation;
    return [
      ...examplesOf(`${operationId} request`, operation.requestBody?.content),
      ...Object.entries(operation.responses).flatMap(([status, response]) =>
        examplesOf(`${operationId} ${status}`, resolve(response).content),
      ),
    ];
  });
}

/** The schema name and the (first) example of one operation's response for one status. */
export function responseOf(operationId: string, status: number): { schema: string; example: unknown } {
  for (const item of Object.values(spec.paths)) {
    for (const method of methods) {
      const operation = item[method] as Operation | undefined;
      if (operation?.operationId !== operationId) continue;
      const response = operation.responses[String(status)];
      if (!response) break;
      const media = resolve(response).content?.["application/json"];
      const schema = media?.schema?.$ref?.split("/").pop();
      const first = Object.values(media?.examples ?? {})[0];
      if (!schema || !first) throw new Error(`${operationId} ${status} has no schema or example`);
      return { schema, example: resolve(first).value };
    }
  }
  throw new Error(`${operationId} does not document ${status}`);
}

/** Ajv (draft 2020-12, the spec's jsonSchemaDialect) loaded with every schema of the spec. */
export function schemaValidator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv);
  // OpenAPI's discriminator is a hint for code generators; oneOf already decides validity.
  ajv.addKeyword("discriminator");
  // Strict Ajv rejects the non-schema `components` wrapper, so the schemas move to `$defs`.
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
