import { defineConfig } from "vitest/config";
import { packageTests } from "../../vitest.preset.mjs";

export default defineConfig({
  test: packageTests({
    // One Prism mock for the whole run; its URL reaches the tests through inject("mockUrl").
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  }),
});
