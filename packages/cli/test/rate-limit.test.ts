// apply under a burst: the client's rate limiter keeps the CLI under the server's limit and
// the CLI says that it waits; without the limiter the same apply meets 429s.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Simulator, startSimulator } from "@mailtrap-webhooks/mock";
import { describe, expect, it } from "vitest";
import { cli, type Ran } from "./support/run.js";

// A server that allows 4 requests per 600 ms: 12 webhooks plus the list is a burst of 13.
const limit = { requests: 4, windowMs: 600 };

interface Burst {
  simulator: Simulator;
  /** `apply` of a file of 12 webhooks, with `--rate-limit rateLimit`. */
  apply(rateLimit: string): Promise<Ran>;
}

/** A rate-limited simulator and a file of its own for one test, closed and removed after it. */
async function withBurst(test: (burst: Burst) => Promise<void>): Promise<void> {
  const simulator = await startSimulator({ rateLimit: limit });
  const dir = mkdtempSync(join(tmpdir(), "mailtrap-webhooks-burst-"));
  try {
    const entries = Array.from(
      { length: 12 },
      (_, i) => `  - url: https://example.com/hooks/${i}\n    webhook_type: audit_log\n`,
    );
    const file = join(dir, "webhooks.yaml");
    writeFileSync(file, `webhooks:\n${entries.join("")}`);
    const apply = (rateLimit: string) =>
      cli(
        [
          "--base-url",
          simulator.url,
          "--rate-limit",
          rateLimit,
          "apply",
          "-f",
          file,
          "--yes",
          "--secret-out",
          join(dir, "s"),
        ],
        { MAILTRAP_API_TOKEN: "burst-token" },
      );
    await test({ simulator, apply });
  } finally {
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Concurrent: each test has its own simulator, file and CLI process, and most of their time
// is spent waiting for the rate limit.
describe.concurrent("rate limit under a burst", () => {
  it("with the limiter at the server's rate, apply never meets a 429 and shows that it waits", () =>
    withBurst(async ({ simulator, apply }) => {
      const ran = await apply(`${limit.requests}/${limit.windowMs / 1000}`);
      expect(ran.code).toBe(0);
      expect(simulator.webhooks()).toHaveLength(12);
      expect(ran.stderr).not.toMatch(/429/);
      expect(ran.stderr).toMatch(/waiting \d+ ms for the rate limit/);
    }));

  it("without it, the same burst meets 429s", () =>
    withBurst(async ({ apply }) => {
      const ran = await apply("off");
      expect(ran.stderr).toMatch(/→ 429/);
    }));

  it("refuses a malformed --rate-limit", () =>
    withBurst(async ({ apply }) => {
      const ran = await apply("fast");
      expect(ran.code).toBe(1);
      expect(ran.stderr).toBe(
        'error: --rate-limit must be REQUESTS/SECONDS (e.g. 150/10) or off, got "fast".\n',
      );
    }));
});
