import { defineConfig } from "tsup";
import { library } from "../../tsup.preset.mjs";

export default defineConfig(library({ entry: ["src/index.ts"] }));
