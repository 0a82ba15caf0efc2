import { defineConfig } from "tsup";
import { library } from "../../tsup.preset.mjs";

// scripts/copy-spec.mjs has already put the spec into dist/, so no clean.
export default defineConfig(
  library({ entry: ["src/index.ts"], clean: false, shims: true, target: "node20" }),
);
