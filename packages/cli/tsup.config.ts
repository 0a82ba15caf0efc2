import { defineConfig } from "tsup";
import { executable } from "../../tsup.preset.mjs";

export default defineConfig(executable("src/cli.ts", { clean: true }));
