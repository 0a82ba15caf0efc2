/**
 * What the CLI needs to know about webhook fields, read from the spec's own request schemas
 * (never a second copy): the create schema per `webhook_type`, which fields an update may
 * change, which are fixed after creation, and the defaults create fills in.
 */
import { jsonSchemaOf, type SpecNode } from "@mailtrap-webhooks/spec";
import type { WebhookType } from "@mailtrap-webhooks/types";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under ESM its function is the default export's `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

export interface CreateShape {
  readonly validate: ValidateFunction;
  /** Every field a create request of this type may carry. */
  readonly fields: ReadonlySet<string>;
  /** Fields with a default (`active: true`, `payload_format: "json"`). */
  readonly defaults: Readonly<Record<string, unknown>>;
}

export interface WebhookSchemas {
  readonly createByType: ReadonlyMap<WebhookType, CreateShape>;
  /** Fields an update request may change. */
  readonly updatable: ReadonlySet<string>;
  /** Fields a create request takes but an update cannot change (plus `webhook_type`). */
  readonly fixed: ReadonlySet<string>;
}

let built: WebhookSchemas | undefined;

/** Compiled once per process. */
export function webhookSchemas(): WebhookSchemas {
  built ??= build();
  return built;
}

function build(): WebhookSchemas {
  const create = jsonSchemaOf("CreateWebhookRequest");
  const defs = create.$defs as Record<string, SpecNode>;
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  // OpenAPI's discriminator is for code generators; its mapping is read below instead.
  ajv.addKeyword("discriminator");
  ajv.addSchema({ $id: "spec", $defs: defs });

  const root = defs.CreateWebhookRequest as SpecNode;
  const mapping = (root.discriminator?.mapping ?? {}) as Record<WebhookType, string>;
  const createByType = new Map<WebhookType, CreateShape>();
  for (const [type, ref] of Object.entries(mapping) as [WebhookType, string][]) {
    const name = ref.split("/").pop() ?? "";
    const validate = ajv.getSchema(`spec#/$defs/${name}`);
    if (!validate) throw new Error(`The spec has no schema ${name}`);
    const properties = ((defs[name] as SpecNode).properties ?? {}) as Record<string, SpecNode>;
    const defaults = Object.fromEntries(
      Object.entries(properties)
        .filter(([, schema]) => schema.default !== undefined)
        .map(([field, schema]) => [field, schema.default]),
    );
    createByType.set(type, { validate, fields: new Set(Object.keys(properties)), defaults });
  }

  const updatable = new Set(Object.keys((defs.UpdateWebhookRequest as SpecNode).properties ?? {}));
  const fixed = new Set<string>();
  for (const shape of createByType.values()) {
    for (const field of shape.fields) if (!updatable.has(field)) fixed.add(field);
  }
  return { createByType, updatable, fixed };
}
