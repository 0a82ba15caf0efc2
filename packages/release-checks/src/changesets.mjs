// Reads the bumps that pending changesets (.changeset/*.md frontmatter) ask for.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const ORDER = ["none", "patch", "minor", "major"];

/**
 * The highest bump per package over all pending changesets.
 * @param {string} dir  the .changeset directory
 * @returns {Map<string, string>}
 */
export function pendingBumps(dir) {
  /** @type {Map<string, string>} */
  const bumps = new Map();
  const files = readdirSync(dir).filter((name) => name.endsWith(".md") && name.toLowerCase() !== "readme.md");
  for (const name of files.sort()) {
    for (const [pkg, bump] of Object.entries(frontmatter(readFileSync(join(dir, name), "utf8"), name))) {
      const previous = bumps.get(pkg) ?? "none";
      if (ORDER.indexOf(String(bump)) > ORDER.indexOf(previous)) bumps.set(pkg, String(bump));
    }
  }
  return bumps;
}

/** @param {string} text @param {string} name @returns {Record<string, unknown>} */
function frontmatter(text, name) {
  const match = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text.trimStart());
  if (!match) throw new Error(`.changeset/${name} has no frontmatter (--- ... ---)`);
  return parse(match[1] ?? "") ?? {};
}
