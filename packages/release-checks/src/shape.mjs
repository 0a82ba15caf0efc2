// Flattens a schema ($ref, allOf, single-member oneOf) into one comparable "shape".
import { resolveRef } from "@mailtrap-webhooks/spec";
import { refName } from "./spec.mjs";

/** @typedef {import("./spec.mjs").Node} Node */
/**
 * @typedef {object} Shape
 * @property {Set<string> | null} types  declared JSON types without "null"; null = undeclared
 * @property {boolean} nullable
 * @property {Set<string> | null} values  enum/const values as JSON text; null = unrestricted
 * @property {Map<string, Node[]>} properties  raw schemas per property (allOf parts may overlap)
 * @property {Set<string>} required
 * @property {boolean} closed  additionalProperties: false
 * @property {Node[]} extra  additionalProperties schemas (maps)
 * @property {Node[]} items
 * @property {Map<string, Node> | null} variants  oneOf/anyOf members (2 or more), by key
 */

const MAX_DEPTH = 32;

/** @param {Node} doc @param {Node[]} schemas @returns {Shape} */
export function toShape(doc, schemas) {
  /** @type {Node[]} */
  const parts = [];
  for (const schema of schemas) collect(doc, schema, parts, 0);
  /** @type {Shape} */
  const shape = {
    types: null,
    nullable: false,
    values: null,
    properties: new Map(),
    required: new Set(),
    closed: false,
    extra: [],
    items: [],
    variants: null,
  };
  let nullVariant = false;
  // parts grows while we walk it: a oneOf with one non-null member is inlined.
  for (let i = 0; i < parts.length; i++) {
    const part = /** @type {Node} */ (parts[i]);
    const types = declaredTypes(part);
    if (types) shape.types = shape.types ? intersect(shape.types, types) : types;
    const values = declaredValues(part);
    if (values) shape.values = shape.values ? intersect(shape.values, values) : values;
    for (const [name, schema] of Object.entries(part.properties ?? {})) {
      shape.properties.set(name, [...(shape.properties.get(name) ?? []), schema]);
    }
    for (const name of part.required ?? []) shape.required.add(name);
    if (part.additionalProperties === false) shape.closed = true;
    if (isObjectSchema(part.additionalProperties)) shape.extra.push(part.additionalProperties);
    if (isObjectSchema(part.items)) shape.items.push(part.items);
    const members = part.oneOf ?? part.anyOf;
    if (!Array.isArray(members)) continue;
    const real = members.filter((member) => !isNullOnly(doc, member));
    if (real.length < members.length) nullVariant = true;
    if (real.length === 1) collect(doc, real[0], parts, 1);
    else shape.variants = new Map(real.map((member, index) => [variantKey(member, index), member]));
  }
  shape.nullable = Boolean(shape.types?.has("null") || shape.values?.has("null") || nullVariant);
  shape.types?.delete("null");
  return shape;
}

/** Inlines $ref and allOf into flat parts; $ref siblings (3.1) are kept as a part of their own. */
/** @param {Node} doc @param {unknown} schema @param {Node[]} parts @param {number} depth */
function collect(doc, schema, parts, depth) {
  if (depth > MAX_DEPTH) throw new Error("Schema nesting too deep (recursive schema?)");
  if (!isObjectSchema(schema)) return;
  const { $ref, allOf, ...rest } = /** @type {Node} */ (schema);
  if (typeof $ref === "string") collect(doc, resolveRef($ref, doc), parts, depth + 1);
  for (const member of Array.isArray(allOf) ? allOf : []) collect(doc, member, parts, depth + 1);
  parts.push(rest);
}

/** @param {Node} part @returns {Set<string> | null} */
function declaredTypes(part) {
  if (part.type === undefined) return null;
  const types = new Set(Array.isArray(part.type) ? part.type : [part.type]);
  if (part.nullable === true) types.add("null"); // OpenAPI 3.0 spelling
  return types;
}

/** @param {Node} part @returns {Set<string> | null} */
function declaredValues(part) {
  if ("const" in part) return new Set([JSON.stringify(part.const)]);
  if (Array.isArray(part.enum)) return new Set(part.enum.map((value) => JSON.stringify(value)));
  return null;
}

/** @param {Node} doc @param {unknown} member */
function isNullOnly(doc, member) {
  if (!isObjectSchema(member)) return false;
  const shapeOfMember = toShape(doc, [/** @type {Node} */ (member)]);
  const onlyNullType = shapeOfMember.types?.size === 0 && shapeOfMember.nullable;
  const onlyNullValue = shapeOfMember.values?.size === 1 && shapeOfMember.values.has("null");
  return Boolean(onlyNullType || onlyNullValue);
}

/** Named members match by name across versions; inline ones by position. */
/** @param {Node} member @param {number} index */
function variantKey(member, index) {
  return typeof member.$ref === "string" ? refName(member.$ref) : `#${index + 1}`;
}

/** @param {unknown} value @returns {value is Node} */
function isObjectSchema(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** @template T @param {Set<T>} a @param {Set<T>} b */
function intersect(a, b) {
  return new Set([...a].filter((item) => b.has(item)));
}
