import { defineConfig } from "vitest/config";
import { packageTests } from "../../vitest.preset.mjs";

export default defineConfig({
  test: packageTests({
    testTimeout: 90_000,
    hookTimeout: 90_000,
  }),
});
