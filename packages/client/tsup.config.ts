import { defineConfig } from "tsup";
import { library } from "../../tsup.preset.mjs";
import { define } from "./build-constants.js";

export default defineConfig(
  library({
    entry: ["src/index.ts", "src/raw.ts"],
    // CJS too, so both entries share one copy of the error classes (instanceof works across them).
    splitting: true,
    define,
  }),
);
