import { defineConfig } from "vitest/config";

// The CLI tests start Prism in child processes, which takes seconds on a busy machine.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    isolate: false,
    poolOptions: { forks: { minForks: 0 } },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
