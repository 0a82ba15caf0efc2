/**
 * Field errors for create and update requests, computed from what was sent: the spec's
 * request schemas (through Ajv) plus the documented rules Mailtrap answers in Rails style
 * (`{"url": ["can't be blank", "is invalid"]}`).
 */
import type { CreateWebhookRequest, UpdateWebhookRequest, Webhook } from "@mailtrap-webhooks/types";
import { type ErrorObject, envelope, requestSchemas } from "./schemas.js";

export type FieldErrors = Record<string, string[]>;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const blank = "can't be blank";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)
  );
}

function add(errors: FieldErrors, field: string, message: string): void {
  const messages = errors[field] ?? [];
  if (!messages.includes(message)) errors[field] = [...messages, message];
}

/** The envelope (`{"webhook": {...}}`) around the fields, or the errors about it. */
function unwrap(body: unknown): Checked<Record<string, unknown>> {
  if (!isRecord(body))
    return { ok: false, errors: { base: [`the body must be a JSON object with "${envelope}"`] } };
  const errors: FieldErrors = {};
  for (const key of Object.keys(body)) {
    if (key !== envelope) add(errors, key, `is not a known parameter; send the fields inside "${envelope}"`);
  }
  const fields = body[envelope];
  if (!isRecord(fields)) add(errors, envelope, isBlank(fields) ? blank : "must be an object");
  if (Object.keys(errors).length > 0 || !isRecord(fields)) return { ok: false, errors };
  return { ok: true, value: fields };
}

/** Ajv's errors as field messages. `unexpected` words the message for a field the schema does not allow. */
function fieldErrors(
  errors: readonly ErrorObject[],
  fields: Record<string, unknown>,
  unexpected: (field: string) => string,
): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors) {
    if (error.keyword === "required") {
      add(result, String(error.params.missingProperty), blank);
      continue;
    }
    if (error.keyword === "additionalProperties") {
      const field = String(error.params.additionalProperty);
      add(result, field, unexpected(field));
      continue;
    }
    const field = error.instancePath.split("/")[1] ?? "base";
    if (isBlank(fields[field])) add(result, field, blank);
    if (error.keyword === "minItems") continue;
    add(
      result,
      field,
      error.keyword === "enum" || error.keyword === "const" ? "is not included in the list" : "is invalid",
    );
  }
  return result;
}

/** A create request's fields with the spec's defaults filled in (`active`, `payload_format`), or its errors. */
export function checkCreate(body: unknown): Checked<CreateWebhookRequest> {
  const unwrapped = unwrap(body);
  if (!unwrapped.ok) return unwrapped;
  const fields = structuredClone(unwrapped.value);
  const type = fields.webhook_type;
  const schema = typeof type === "string" ? requestSchemas().createByType.get(type) : undefined;
  if (!schema) {
    const errors: FieldErrors = { webhook_type: [isBlank(type) ? blank : "is not included in the list"] };
    if (isBlank(fields.url)) errors.url = [blank];
    return { ok: false, errors };
  }
  if (schema.validate(fields)) return { ok: true, value: fields as CreateWebhookRequest };
  return {
    ok: false,
    errors: fieldErrors(schema.validate.errors ?? [], fields, (field) =>
      requestSchemas().createFields.has(field)
        ? `is not allowed for ${type} webhooks`
        : "is not a known field",
    ),
  };
}

/**
 * An update request's fields for `webhook`, or its errors: the spec's update schema, then the
 * fields `webhook`'s type has at all (no `event_types` on an audit-log webhook). A field a
 * create request takes but an update does not (`webhook_type`, `sending_stream`, `domain_id`)
 * is fixed after creation.
 */
export function checkUpdate(body: unknown, webhook: Webhook): Checked<UpdateWebhookRequest> {
  const unwrapped = unwrap(body);
  if (!unwrapped.ok) return unwrapped;
  const fields = structuredClone(unwrapped.value);
  const { createByType, createFields, update } = requestSchemas();
  const typeFields = createByType.get(webhook.webhook_type)?.fields ?? new Set<string>();
  const errors = update.validate(fields)
    ? {}
    : fieldErrors(update.validate.errors ?? [], fields, (field) =>
        createFields.has(field) ? "cannot be changed after creation" : "is not a known field",
      );
  for (const field of Object.keys(fields)) {
    if (update.fields.has(field) && !typeFields.has(field)) {
      add(errors, field, `is not allowed for ${webhook.webhook_type} webhooks`);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: fields as UpdateWebhookRequest };
}
