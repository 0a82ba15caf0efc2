// Every breaking-change rule in one table: its id and what an author can do about it.
// Directions: "write" = the SDK user sends it (request bodies, parameters of API calls);
// "read" = the SDK user receives it (API responses, webhook deliveries and their headers).

/** @type {Record<string, string>} */
export const HINTS = {
  "operation-removed": "Put the operation back and mark it `deprecated: true`; remove it in a major release.",
  "operation-id-changed":
    "Keep the old operationId: the generated `operations` type and the client are keyed by it.",
  "parameter-removed": "Keep the parameter (mark it deprecated) until the next major release.",
  "parameter-added-required": "Make the new parameter optional, or ship it in a major release.",
  "parameter-became-required": "Keep the parameter optional, or ship the change in a major release.",
  "parameter-became-optional": "Keep it required: receivers rely on it being present.",
  "request-body-became-required": "Keep the body optional, or ship the change in a major release.",
  "media-type-removed": "Keep the media type until the next major release.",
  "media-type-added":
    "Readers cannot parse a format they do not know: add it in a major release or behind an opt-in.",
  "response-status-removed": "Keep the status code documented; clients branch on it.",
  "component-removed":
    "Keep the component (the types package exports it) and mark it deprecated until the next major.",
  "property-removed": "Keep the field and mark it `deprecated: true`; remove it in a major release.",
  "property-became-required":
    "Make the field optional (the server can default it), or ship the change in a major release.",
  "property-became-optional": "Keep the field required: readers treat it as always present.",
  "became-nullable": "Send a non-null default instead, or ship the change in a major release.",
  "type-changed": "Requests may only widen and responses only narrow their types; otherwise ship a major.",
  "enum-narrowed": "Keep the value (say it is deprecated in the description) until the next major release.",
  "enum-widened":
    "Exhaustive switches over this field stop compiling: add the value in a major release, or drop the enum for a documented string.",
  "additional-properties-tightened": "Keep accepting unlisted fields, or ship the change in a major release.",
  "variant-removed": "Keep the shape in the union until the next major release.",
  "variant-added":
    "Code that handles every shape of the union stops compiling: add shapes in a major release.",
};

/** @typedef {"write" | "read"} Direction */
/** @typedef {{ rule: string, location: string, detail: string }} Change */
