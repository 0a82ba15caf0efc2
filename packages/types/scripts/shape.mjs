// What generate.mjs adds to openapi-typescript's output, so users read the spec's names:
//   nameSchemas       each schema becomes `export type Name = ...` and every
//                     components["schemas"]["Name"] a plain `Name`, so hovers show `Webhook`,
//                     `BounceEvent`, not an indexed access or an expanded intersection
//   enumValueLists    `webhookTypeValues` and friends for the spec's named enums, typed
//                     `readonly WebhookType[]` (no helper types in the published .d.ts)
//   mergeDiscriminators  one `event: "bounce"` where openapi-typescript prints two
//   requiredFieldTables  the required fields and JSON types of each schema a management call
//                     answers with in `data`, for the client's run-time answer checks
import ts from "typescript";

const f = ts.factory;
const exported = [f.createModifier(ts.SyntaxKind.ExportKeyword)];

/** The string of a literal index such as the `"schemas"` in `components["schemas"]`. */
function indexName(node) {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

/** `Name` when `node` is `components["schemas"]["Name"]`. */
function schemaRefName(node) {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isIndexedAccessTypeNode(node.objectType)) return undefined;
  const root = node.objectType.objectType;
  const isComponents =
    ts.isTypeReferenceNode(root) && ts.isIdentifier(root.typeName) && root.typeName.text === "components";
  return isComponents && indexName(node.objectType.indexType) === "schemas"
    ? indexName(node.indexType)
    : undefined;
}

/**
 * Returns the statements with each schema hoisted to a named, documented type alias placed
 * after `components`, whose `schemas` entries then point at those aliases.
 */
export function nameSchemas(statements) {
  const aliases = [];
  const replaceRefs = (context) => {
    const visit = (node) => {
      const name = schemaRefName(node);
      if (name) return f.createTypeReferenceNode(name);
      return ts.visitEachChild(node, visit, context);
    };
    return visit;
  };
  const hoist = (member) => {
    const name = member.name.text;
    const type = ts.transform(member.type, [replaceRefs]).transformed[0];
    const alias = f.createTypeAliasDeclaration(exported, name, undefined, type);
    ts.setSyntheticLeadingComments(alias, ts.getSyntheticLeadingComments(member));
    aliases.push(alias);
    return f.createPropertySignature(undefined, member.name, undefined, f.createTypeReferenceNode(name));
  };
  const out = [];
  for (const statement of statements) {
    let node = ts.transform(statement, [replaceRefs]).transformed[0];
    if (ts.isInterfaceDeclaration(statement) && statement.name.text === "components") {
      // Hoist from the original: its schema members still carry their own JSDoc.
      const members = statement.members.map((member) => {
        if (member.name?.text !== "schemas" || !member.type || !ts.isTypeLiteralNode(member.type)) {
          return ts.transform(member, [replaceRefs]).transformed[0];
        }
        const schemas = f.createTypeLiteralNode(member.type.members.map(hoist));
        return f.updatePropertySignature(
          member,
          member.modifiers,
          member.name,
          member.questionToken,
          schemas,
        );
      });
      node = f.updateInterfaceDeclaration(
        statement,
        statement.modifiers,
        statement.name,
        statement.typeParameters,
        statement.heritageClauses,
        members,
      );
      out.push(node, ...aliases);
      continue;
    }
    out.push(node);
  }
  return out;
}

const camel = (name) => name[0].toLowerCase() + name.slice(1);

/** `export const webhookTypeValues: readonly WebhookType[] = [...]` for each named enum schema. */
export function enumValueLists(document) {
  return Object.entries(document.components.schemas)
    .filter(([, schema]) => Array.isArray(schema.enum))
    .map(
      ([name, schema]) =>
        `/** Every value of \`${name}\`, in the spec's order. */\n` +
        `export const ${camel(name)}Values: readonly ${name}[] = ${JSON.stringify(schema.enum)};\n`,
    )
    .join("");
}

function resolve(schema, document) {
  let node = schema;
  for (let hops = 0; node?.$ref; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${node.$ref}`);
    node = node.$ref
      .slice(2)
      .split("/")
      .reduce((at, key) => at?.[key], document);
  }
  return node ?? {};
}

/** The JSON types a schema allows, e.g. "integer" or "string|null"; "" when it does not say. */
function jsonTypes(schema, document) {
  const node = resolve(schema, document);
  if (node.type) return [node.type].flat().join("|");
  const members = node.oneOf ?? node.anyOf;
  if (members) {
    const types = members.map((member) => jsonTypes(member, document));
    return types.includes("") ? "" : [...new Set(types.join("|").split("|"))].join("|");
  }
  return "";
}

/** Required properties and their types of a schema, `allOf` parts merged. */
function requiredOf(schema, document) {
  const node = resolve(schema, document);
  const fields = {};
  for (const part of node.allOf ?? []) Object.assign(fields, requiredOf(part, document));
  for (const field of node.required ?? []) {
    fields[field] = jsonTypes(node.properties?.[field] ?? {}, document);
  }
  return fields;
}

/** The schema name a `$ref` points at, e.g. "Webhook". */
const refName = (schema) => schema?.$ref?.split("/").pop();

/**
 * For each schema a management operation answers with in `data` (itself or as list items),
 * its required fields and their JSON types. Delivery operations (`receive*`) answer no body.
 */
export function requiredFieldTables(document) {
  const names = new Set();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const media = resolve(operation?.responses?.["200"], document).content?.["application/json"];
      if (!media) continue;
      const data = resolve(media.schema, document).properties?.data;
      const target = data?.type === "array" ? data.items : data;
      if (refName(target)) names.add(refName(target));
    }
  }
  const tables = Object.fromEntries(
    [...names].sort().map((name) => [name, requiredOf({ $ref: `#/components/schemas/${name}` }, document)]),
  );
  return (
    "/**\n" +
    " * The fields the spec requires in each schema a management call answers with, and their\n" +
    ' * JSON types ("integer", "string", ...; "" when the spec names none). Enum values are\n' +
    " * left out on purpose: Mailtrap may add one before this package knows it.\n" +
    " */\n" +
    `export const requiredFields = ${JSON.stringify(tables, null, 4)} as const;\n`
  );
}

// `{ /** @constant */ event?: "bounce"; ... } & { event: "bounce" }`: the spec's optional const
// and the required discriminator openapi-typescript adds for it. Merged into one literal.
const DOUBLED_DISCRIMINATOR =
  /\{\n {4}\/\*\* @constant \*\/\n {4}(\w+)\?: ("[^"\n]*");\n((?: {4}.*\n)*?)\} & \{\n {4}\1: \2;\n\}/g;

/** The printed types with each doubled discriminator written once, as a required property. */
export function mergeDiscriminators(printed) {
  return printed.replace(
    DOUBLED_DISCRIMINATOR,
    (_all, name, value, rest) => `{\n${rest}    ${name}: ${value};\n}`,
  );
}
