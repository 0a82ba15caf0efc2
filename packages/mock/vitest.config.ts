import { defineConfig } from "vitest/config";
import { packageTests } from "../../vitest.preset.mjs";

// The CLI tests start Prism in child processes, which takes seconds on a busy machine.
export default defineConfig({
  test: packageTests({
    testTimeout: 30_000,
    hookTimeout: 30_000,
  }),
});
