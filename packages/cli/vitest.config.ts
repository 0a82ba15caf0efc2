import { defineConfig } from "vitest/config";
import { packageTests } from "../../vitest.preset.mjs";

export default defineConfig({
  test: packageTests({
    testTimeout: 30_000,
    hookTimeout: 30_000,
  }),
});
