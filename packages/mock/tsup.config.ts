import { defineConfig } from "tsup";

export default defineConfig([
  {
    // `./spec` and `./simulator` are entries of their own, so neither loads Prism.
    entry: ["src/index.ts", "src/simulator.ts", "src/spec.ts"],
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
