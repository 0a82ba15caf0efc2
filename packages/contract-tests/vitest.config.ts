import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    isolate: false,
    poolOptions: { forks: { minForks: 0 } },
    // One Prism mock for the whole run; its URL reaches the tests through inject("mockUrl").
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
