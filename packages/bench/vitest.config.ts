import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    isolate: false,
    poolOptions: { forks: { minForks: 0 } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
