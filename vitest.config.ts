import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { sharedTestOptions } from "./vitest.preset.mjs";

// Every package is a project: `pnpm exec vitest run` here runs them all. A package keeps a
// config file of its own only where it differs (aliases, a global setup, longer timeouts for
// tests that spawn processes); one without finds this file and runs as `--project <its name>`.
// The options all packages share are in vitest.preset.mts.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: { projects: ["packages/*"], ...sharedTestOptions },
});
