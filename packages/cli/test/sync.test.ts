// plan and apply as subprocesses against the stateful simulator: exit codes, idempotence,
// prune, secrets only where asked, a failure midway, and the rate limit under a burst.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Simulator, startSimulator } from "@mailtrap-webhooks/mock";
import { describe, expect, it } from "vitest";
import { cli, type Ran } from "./support/run.js";

const token = "sync-test-token";
const env = { MAILTRAP_API_TOKEN: token };

interface Workspace {
  simulator: Simulator;
  dir: string;
  /** Writes `text` to `name` in the test's folder; returns its path. */
  file(name: string, text: string): string;
  /** `mailtrap-webhooks --base-url <the simulator> ...args`, with the token. */
  run(...args: string[]): Promise<Ran>;
}

/** A simulator and a folder of one test's own, closed and removed after it. */
async function withSimulator(test: (workspace: Workspace) => Promise<void>): Promise<void> {
  const simulator = await startSimulator();
  const dir = mkdtempSync(join(tmpdir(), "mailtrap-webhooks-sync-"));
  try {
    await test({
      simulator,
      dir,
      file(name, text) {
        const path = join(dir, name);
        writeFileSync(path, text);
        return path;
      },
      run: (...args) => cli(["--base-url", simulator.url, ...args], env),
    });
  } finally {
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const declared = `webhooks:
  - url: https://example.com/hooks/sending
    webhook_type: email_sending
    sending_stream: transactional
    event_types: [delivery, bounce]
  - url: https://example.com/hooks/audit
    webhook_type: audit_log
    payload_format: jsonlines
`;

// Concurrent: each test has its own simulator, folder and CLI processes.
describe.concurrent("plan / apply against the simulator", () => {
  it("plan exits 2 with changes pending, apply makes them, and a second apply and plan find none", () =>
    withSimulator(async ({ simulator, dir, file, run }) => {
      const webhooks = file("webhooks.yaml", declared);
      const plan = await run("plan", "-f", webhooks);
      expect(plan.code).toBe(2);
      expect(plan.stdout).toMatch(/Plan: 2 to create, 0 to update, 0 to delete/);

      const secrets = join(dir, "secrets.tsv");
      const applied = await run("apply", "-f", webhooks, "--yes", "--secret-out", secrets);
      expect(applied.code).toBe(0);
      expect(applied.stderr).toMatch(/\[1\/2\] created #\d+ email_sending/);
      expect(applied.stderr).toMatch(/\[2\/2\] created #\d+ audit_log/);
      const stored = simulator.webhooks();
      expect(stored.map((w) => [w.webhook_type, w.url, w.payload_format])).toEqual([
        ["email_sending", "https://example.com/hooks/sending", "json"],
        ["audit_log", "https://example.com/hooks/audit", "jsonlines"],
      ]);
      // Each secret went to the 0600 file, one line per webhook, and nowhere else.
      const lines = readFileSync(secrets, "utf8").trim().split("\n");
      expect(lines).toEqual(stored.map((w) => `${w.id}\t${w.url}\t${w.signing_secret}`));
      expect(statSync(secrets).mode & 0o777).toBe(0o600);
      for (const webhook of stored)
        expect(applied.stdout + applied.stderr).not.toContain(webhook.signing_secret);

      const again = await run("apply", "-f", webhooks, "--yes");
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/No changes\. 2 webhook\(s\) match the file\./);
      expect((await run("plan", "-f", webhooks)).code).toBe(0);
    }));

  it("shows updates field by field, before → after, and applies only those fields", () =>
    withSimulator(async ({ simulator, dir, file, run }) => {
      await run("apply", "-f", file("a.yaml", declared), "--yes", "--secret-out", join(dir, "s"));
      const [sending] = simulator.webhooks();
      const changed = declared.replace("[delivery, bounce]", "[delivery]").concat("    active: false\n");
      const plan = await run("plan", "-f", file("b.yaml", changed), "--json");
      expect(plan.code).toBe(2);
      expect(JSON.parse(plan.stdout)).toEqual({
        changes: [
          {
            action: "update",
            id: sending?.id,
            changes: [{ field: "event_types", before: ["delivery", "bounce"], after: ["delivery"] }],
          },
          {
            action: "update",
            id: expect.any(Number),
            changes: [{ field: "active", before: true, after: false }],
          },
        ],
        unchanged: [],
        unmanaged: [],
      });
      const text = await run("plan", "-f", join(dir, "b.yaml"));
      expect(text.stdout).toContain("event_types: [delivery, bounce] → [delivery]");
      expect((await run("apply", "-f", join(dir, "b.yaml"), "--yes")).code).toBe(0);
      expect(simulator.webhooks().map((w) => [w.event_types ?? null, w.active])).toEqual([
        [["delivery"], true],
        [null, false],
      ]);
    }));

  it("--prune deletes webhooks the file leaves out; without it they are only reported", () =>
    withSimulator(async ({ simulator, dir, file, run }) => {
      await run("apply", "-f", file("a.yaml", declared), "--yes", "--secret-out", join(dir, "s"));
      const onlyAudit = file("b.yaml", `webhooks:\n${declared.split("\n").slice(5).join("\n")}`);
      const plan = await run("plan", "-f", onlyAudit);
      expect(plan.code).toBe(0);
      expect(plan.stdout).toMatch(/1 webhook\(s\) not in the file are left alone/);
      const pruned = await run("apply", "-f", onlyAudit, "--prune", "--yes");
      expect(pruned.code).toBe(0);
      expect(pruned.stderr).toMatch(/deleted #\d+ https:\/\/example.com\/hooks\/sending/);
      expect(simulator.webhooks().map((w) => w.webhook_type)).toEqual(["audit_log"]);
    }));

  it("apply without a terminal needs --yes, and an invalid file changes nothing", () =>
    withSimulator(async ({ simulator, file, run }) => {
      const refused = await run("apply", "-f", file("a.yaml", declared));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/pass --yes/);
      const invalid = await run(
        "apply",
        "-f",
        file("b.yaml", `${declared}  - url: nope\n    webhook_type: campaigns\n`),
        "--yes",
      );
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toMatch(/b\.yaml:9: webhooks\[2\]\.url: must match format "uri"/);
      expect(invalid.stderr).toMatch(
        /b\.yaml:9: webhooks\[2\]\.event_types: is required for campaigns webhooks/,
      );
      expect(simulator.webhooks()).toEqual([]);
    }));

  it("a failure midway stops apply and says what was done and what was not", () =>
    withSimulator(async ({ dir, file }) => {
      // A simulator that allows 3 requests per 2 minutes: list, two creates, then 429 with a
      // Retry-After the client will not wait for.
      const strict = await startSimulator({ rateLimit: { requests: 3, windowMs: 120_000 } });
      try {
        const three = `${declared}  - url: https://example.com/hooks/late\n    webhook_type: audit_log\n`;
        const applied = await cli(
          [
            "--base-url",
            strict.url,
            "apply",
            "-f",
            file("a.yaml", three),
            "--yes",
            "--secret-out",
            join(dir, "s"),
          ],
          env,
        );
        expect(applied.code).toBe(1);
        expect(applied.stderr).toMatch(
          /apply stopped at create audit_log https:\/\/example.com\/hooks\/late: .*429/,
        );
        expect(applied.stderr).toMatch(/Done: 2 of 3 change\(s\)\./);
        expect(applied.stderr).toMatch(/Not done: create audit_log https:\/\/example.com\/hooks\/late\./);
        expect(strict.webhooks()).toHaveLength(2);
      } finally {
        await strict.close();
      }
    }));
});
