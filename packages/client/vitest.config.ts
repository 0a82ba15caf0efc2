import { defineConfig } from "vitest/config";
import { packageTests } from "../../vitest.preset.mjs";
import { define } from "./build-constants.js";

export default defineConfig({
  define,
  test: packageTests(),
});
