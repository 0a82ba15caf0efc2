import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Every package is a project: `pnpm exec vitest run` here runs them all. A package keeps a
// config file of its own only where it differs (aliases, a global setup, longer timeouts for
// tests that spawn processes); one without finds this file and runs as `--project <its name>`.
// `isolate: false` (repeated in each package config, which does not inherit it) lets a package's
// test files share one worker and its loaded modules: half the CPU of a fresh module graph per
// file. So no test may replace a module (vi.mock); spy on objects instead.
// `minForks: 0` (repeated likewise): with one worker per package, vitest would otherwise start a
// spare worker when the last file is done, only to stop it again (~0.4 s of CPU per package).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: { projects: ["packages/*"], isolate: false, poolOptions: { forks: { minForks: 0 } } },
});
