// Loading the spec and following its local $refs.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** A parsed OpenAPI node; the spec is hand-written, so nodes stay loosely typed. */
/** @typedef {Record<string, any>} Node */

/** @param {string} path @returns {Node} */
export function loadSpec(path) {
  return parse(readFileSync(path, "utf8"));
}

/** @param {Node} doc @param {string} ref @returns {Node} */
export function lookup(doc, ref) {
  if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, got ${ref}`);
  /** @type {any} */
  let node = doc;
  for (const raw of ref.slice(2).split("/")) {
    node = node?.[raw.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  if (node === undefined) throw new Error(`Unresolved $ref ${ref}`);
  return node;
}

/** Follows $ref hops; siblings of $ref only matter inside schemas, which shape.mjs handles. */
/** @param {Node} doc @param {Node | undefined} node @returns {Node | undefined} */
export function deref(doc, node) {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${current.$ref}`);
    current = lookup(doc, current.$ref);
  }
  return current;
}

/** @param {string} ref */
export const refName = (ref) => ref.split("/").pop() ?? ref;
