import { defineConfig } from "tsup";
import { executable, library } from "../../tsup.preset.mjs";

export default defineConfig([
  // `./spec` and `./simulator` are entries of their own, so neither loads Prism.
  library({
    entry: ["src/index.ts", "src/simulator.ts", "src/spec.ts"],
    clean: false,
    shims: true,
    target: "node20",
    // CJS too, so the entries share one copy of the error classes (instanceof works across them).
    splitting: true,
  }),
  executable("src/cli.ts", { shims: true }),
]);
