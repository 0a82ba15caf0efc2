import { defineConfig } from "tsup";

export default defineConfig([
  {
    // `./spec` is its own entry so reading the examples does not load Prism.
    entry: ["src/index.ts", "src/spec.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: false,
    shims: true,
    target: "node20",
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    shims: true,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
