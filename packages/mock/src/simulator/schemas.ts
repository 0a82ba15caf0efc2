/**
 * Ajv over the spec's own request schemas (from `@mailtrap-webhooks/spec`, never a copy), and
 * the facts about them the simulator needs: which create schema each `webhook_type` picks and
 * which fields each schema allows.
 */
import { loadSpec, resolveRef, type SpecNode } from "@mailtrap-webhooks/spec";
import type { RequestBody } from "@mailtrap-webhooks/types";
import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under ESM its function is the default export's `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

/** The property create and update requests carry their fields in; the type checks the name. */
export const envelope: keyof RequestBody<"createWebhook"> & keyof RequestBody<"updateWebhook"> = "webhook";

export interface CompiledSchema {
  validate: ValidateFunction;
  /** The properties the schema declares. */
  fields: ReadonlySet<string>;
}

export interface RequestSchemas {
  /** The create schema per `webhook_type`, from the discriminator's mapping. */
  createByType: ReadonlyMap<string, CompiledSchema>;
  /** Every field any create schema takes (so an update can tell "fixed" from "unknown"). */
  createFields: ReadonlySet<string>;
  update: CompiledSchema;
  /** The properties of the Webhook schema, in document order (the order answers list them). */
  webhookFields: readonly string[];
}

const schemaPrefix = "#/components/schemas/";

let built: RequestSchemas | undefined;

/** Compiled once per process: Ajv compilation takes tens of milliseconds. */
export function requestSchemas(): RequestSchemas {
  built ??= buildRequestSchemas();
  return built;
}

function buildRequestSchemas(): RequestSchemas {
  const spec = loadSpec();
  // useDefaults fills `active` and `payload_format` from the spec's defaults on create.
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, useDefaults: true });
  addFormats(ajv);
  // OpenAPI's discriminator is a hint for code generators; the mapping is read below.
  ajv.addKeyword("discriminator");
  // Strict Ajv rejects the non-schema `components` wrapper, so the schemas move to `$defs`.
  const defs = JSON.parse(
    JSON.stringify(spec.components.schemas).replaceAll(`"${schemaPrefix}`, '"#/$defs/'),
  ) as Record<string, unknown>;
  ajv.addSchema({ $id: "spec", $defs: defs });
  const compile = (ref: string): CompiledSchema => {
    if (!ref.startsWith(schemaPrefix)) throw new Error(`Expected a schema $ref, got ${ref}`);
    const validate = ajv.getSchema(`spec#/$defs/${ref.slice(schemaPrefix.length)}`);
    if (!validate) throw new Error(`The spec has no schema at ${ref}`);
    return { validate, fields: new Set(Object.keys((resolveRef(ref, spec).properties ?? {}) as SpecNode)) };
  };

  const mapping = (resolveRef(`${schemaPrefix}CreateWebhookRequest`, spec).discriminator?.mapping ??
    {}) as Record<string, string>;
  const createByType = new Map(Object.entries(mapping).map(([type, ref]) => [type, compile(ref)] as const));
  const createFields = new Set([...createByType.values()].flatMap((schema) => [...schema.fields]));
  const webhookFields = Object.keys(resolveRef(`${schemaPrefix}Webhook`, spec).properties ?? {});
  return {
    createByType,
    createFields,
    update: compile(`${schemaPrefix}UpdateWebhookRequest`),
    webhookFields,
  };
}

export type { ErrorObject };
