import { defineConfig } from "vitest/config";
import { define } from "./build-constants.js";

export default defineConfig({
  define,
  test: { include: ["test/**/*.test.ts"], isolate: false, poolOptions: { forks: { minForks: 0 } } },
});
