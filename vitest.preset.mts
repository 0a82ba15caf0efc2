// What every package's tests share, so that a package's vitest.config.ts says only what is its
// own (aliases, a global setup, longer timeouts for tests that start servers or processes).
import type { ViteUserConfig } from "vitest/config";

type TestOptions = NonNullable<ViteUserConfig["test"]>;

/**
 * `isolate: false` lets a package's test files share one worker and its loaded modules: half
 * the CPU of a fresh module graph per file. So no test may replace a module (vi.mock); spy on
 * objects instead. `minForks: 0`: with one worker per package, vitest would otherwise start a
 * spare worker when the last file is done, only to stop it again (~0.4 s of CPU per package).
 * A package config does not inherit these from the root config, hence this function.
 */
export const sharedTestOptions = {
  isolate: false,
  poolOptions: { forks: { minForks: 0 } },
} satisfies TestOptions;

/** A package's test options: its test/ folder, the shared options, then its own. */
export function packageTests(options: TestOptions = {}): TestOptions {
  return { include: ["test/**/*.test.ts"], ...sharedTestOptions, ...options };
}
