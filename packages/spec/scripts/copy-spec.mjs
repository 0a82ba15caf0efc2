// Runs before tsup: the package ships the repository's top-level spec/ document (the single
// source, edited there) as YAML, and as JSON for tools that prefer it. This script and the
// tests are the only places that name the source's path.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { CORE_SCHEMA, load } from "js-yaml";

export const sourceUrl = new URL("../../../spec/mailtrap-webhooks.openapi.yaml", import.meta.url);
const dist = new URL("../dist/", import.meta.url);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const text = readFileSync(sourceUrl, "utf8");
writeFileSync(new URL("mailtrap-webhooks.openapi.yaml", dist), text);
writeFileSync(
  new URL("mailtrap-webhooks.openapi.json", dist),
  `${JSON.stringify(load(text, { schema: CORE_SCHEMA }), null, 2)}\n`,
);
