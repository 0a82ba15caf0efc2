// Scratch repos for tests: spec variants built from the real spec, in a temp dir.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSpec, readSpecFile } from "@mailtrap-webhooks/spec";
import { diffSpecs } from "../src/diff-spec.mjs";
import type { Change } from "../src/rules.mjs";

// biome-ignore lint/suspicious/noExplicitAny: tests poke into the parsed YAML freely
export type Spec = Record<string, any>;
export type Edit = (spec: Spec) => void;

export interface Scratch {
  spec: string;
  released: string;
  changesets: string;
  addChangeset(name: string, bumps: Record<string, string>): void;
  cleanup(): void;
}

/** A temp repo; the released and the current spec are each the real spec plus their own edit. */
export function scratch(editNow: Edit = () => {}, editReleased: Edit = () => {}): Scratch {
  const dir = mkdtempSync(join(tmpdir(), "spec-gate-"));
  const paths = {
    spec: join(dir, "spec.yaml"),
    released: join(dir, "released.yaml"),
    changesets: join(dir, ".changeset"),
  };
  mkdirSync(paths.changesets);
  writeFileSync(join(paths.changesets, "README.md"), "# Changesets\n");
  writeVariant(paths.released, editReleased);
  writeVariant(paths.spec, editNow);
  return {
    ...paths,
    addChangeset(name, bumps) {
      const lines = Object.entries(bumps).map(([pkg, bump]) => `"${pkg}": ${bump}`);
      writeFileSync(join(paths.changesets, `${name}.md`), `---\n${lines.join("\n")}\n---\n\nA change.\n`);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The breaking changes an edit makes, through files as the gate reads them. */
export function changesOf(editNow: Edit, editReleased?: Edit): Change[] {
  const repo = scratch(editNow, editReleased);
  try {
    return diffSpecs(readSpecFile(repo.released), readSpecFile(repo.spec));
  } finally {
    repo.cleanup();
  }
}

/** The breaking changes an edit makes, as "rule @ location" lines. */
export function breaksOf(editNow: Edit, editReleased?: Edit): string[] {
  return changesOf(editNow, editReleased).map(line);
}

const line = (change: Change) => `${change.rule} @ ${change.location}`;

// Written as JSON, which is YAML too: the gate reads it the same way, and it is written in a
// fraction of the time a YAML serializer takes.
function writeVariant(path: string, edit: Edit) {
  const spec: Spec = structuredClone(loadSpec());
  edit(spec);
  writeFileSync(path, JSON.stringify(spec));
}

export const schemas = (spec: Spec) => spec.components.schemas;
