// The two kinds of build in this repository, so each package's tsup.config.ts says only what
// is its own (entries, and the odd plugin or define).
import type { Options } from "tsup";

/** A published library entry: ESM and CJS with declarations, for the runtimes in `engines`. */
export function library(options: Options): Options {
  return { format: ["esm", "cjs"], dts: true, clean: true, sourcemap: false, target: "es2022", ...options };
}

/** An executable: one ESM file with a shebang, for Node. */
export function executable(entry: string, options: Options = {}): Options {
  return {
    entry: { cli: entry },
    format: ["esm"],
    dts: false,
    clean: false,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
    ...options,
  };
}
