// plan and apply as subprocesses against the stateful simulator: exit codes, idempotence,
// prune, secrets only where asked, a failure midway, and the rate limit under a burst.
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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

/** A proxy on 127.0.0.1 to `target` that calls `beforeCreate` before passing on each create (POST). */
async function proxyTo(target: string, beforeCreate: () => void) {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method === "POST") beforeCreate();
    const headers = Object.entries(request.headers).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === "string" && !["host", "connection", "content-length"].includes(entry[0]),
    );
    const answer = await fetch(`${target}${request.url}`, {
      method: request.method ?? "GET",
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      if (server.listening) await once(server, "close");
    },
  };
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
          /apply stopped at create audit_log https:\/\/example.com\/hooks\/late: .*429.*lower --rate-limit/,
        );
        // The CLI's flags, not the client's options (maxRetries, error.retryAfter).
        expect(applied.stderr).not.toMatch(/maxRetries|retryAfter/);
        expect(applied.stderr).toMatch(/Done: 2 of 3 change\(s\)\./);
        expect(applied.stderr).toMatch(/Not done: create audit_log https:\/\/example.com\/hooks\/late\./);
        expect(strict.webhooks()).toHaveLength(2);
      } finally {
        await strict.close();
      }
    }));

  const createAuditLog = (secretOut: string) => [
    "create",
    "--url",
    "https://example.com/h",
    "--type",
    "audit_log",
    "--secret-out",
    secretOut,
  ];

  it("a --secret-out that cannot be written stops apply and create before anything is created", () =>
    withSimulator(async ({ simulator, dir, file, run }) => {
      const missing = join(dir, "no-such-folder", "secrets.tsv");
      const applied = await run("apply", "-f", file("a.yaml", declared), "--yes", "--secret-out", missing);
      expect(applied.code).toBe(1);
      expect(applied.stderr).toContain(
        `error: --secret-out ${missing} cannot be written (ENOENT); nothing was created.`,
      );
      const created = await run(...createAuditLog(missing));
      expect(created.code).toBe(1);
      expect(created.stderr).toMatch(/cannot be written \(ENOENT\); nothing was created/);
      expect(simulator.webhooks()).toEqual([]);
    }));

  it("a secret that cannot be written after its create is printed on stderr, and the create counts as done", () =>
    withSimulator(async ({ simulator, dir, file }) => {
      const secrets = join(dir, "secrets.tsv");
      // Between the CLI's check of the file and its write, the path becomes a folder.
      const proxy = await proxyTo(simulator.url, () => {
        rmSync(secrets, { recursive: true, force: true });
        mkdirSync(secrets);
      });
      try {
        const run = (...args: string[]) => cli(["--base-url", proxy.url, ...args], env);
        const applied = await run("apply", "-f", file("a.yaml", declared), "--yes", "--secret-out", secrets);
        expect(applied.code).toBe(1);
        const stored = simulator.webhooks();
        expect(stored).toHaveLength(2);
        for (const webhook of stored) {
          expect(applied.stderr).toContain(
            `webhook #${webhook.id} was created, but its signing secret could not be written to ${secrets} (EISDIR)`,
          );
          expect(applied.stderr).toContain(
            `Signing secret of webhook #${webhook.id}: ${webhook.signing_secret}`,
          );
        }
        expect(applied.stderr).toMatch(/\[2\/2\] created/);
        expect(applied.stderr).not.toMatch(/apply stopped|Not done/);
        expect((await run("plan", "-f", join(dir, "a.yaml"))).code).toBe(0);

        rmSync(secrets, { recursive: true });
        const created = await run(...createAuditLog(secrets), "--json");
        expect(created.code).toBe(1);
        const made = simulator.webhooks()[2];
        expect(JSON.parse(created.stdout)).toMatchObject({ id: made?.id });
        expect(created.stdout).not.toContain(made?.signing_secret);
        expect(created.stderr).toContain(`Signing secret of webhook #${made?.id}: ${made?.signing_secret}`);
      } finally {
        await proxy.close();
      }
    }));

  it("a changed fixed field replaces the webhook; without --prune the old one stays, with a warning", () =>
    withSimulator(async ({ simulator, dir, file, run }) => {
      await run("apply", "-f", file("a.yaml", declared), "--yes", "--secret-out", join(dir, "s"));
      const [sending] = simulator.webhooks();
      const bulk = file("b.yaml", declared.replace("stream: transactional", "stream: bulk"));
      const plan = await run("plan", "-f", bulk);
      expect(plan.code).toBe(2);
      expect(plan.stdout).toContain(
        `-/+ replace #${sending?.id} email_sending https://example.com/hooks/sending (sending_stream: "transactional" → "bulk")`,
      );
      expect(plan.stdout).toContain(
        `#${sending?.id} stays without --prune: both webhooks would get the same events.`,
      );
      expect(plan.stdout).toMatch(/Plan: 0 to create, 1 to replace, 0 to update, 0 to delete; 1 unchanged\./);
      expect(plan.stdout).not.toMatch(/left alone/);
      expect(JSON.parse((await run("plan", "-f", bulk, "--json")).stdout).changes).toEqual([
        {
          action: "replace",
          id: sending?.id,
          webhook: expect.objectContaining({ sending_stream: "bulk" }),
          changes: [{ field: "sending_stream", before: "transactional", after: "bulk" }],
          old: "kept",
        },
      ]);

      const applied = await run("apply", "-f", bulk, "--yes", "--secret-out", join(dir, "s"));
      expect(applied.code).toBe(0);
      expect(applied.stderr).toContain(
        `warning: #${sending?.id} stays next to the webhook that replaces it, so both get the same events`,
      );
      expect(applied.stderr).toMatch(
        new RegExp(`\\[1/1\\] created #\\d+ email_sending \\S+, replacing #${sending?.id}`),
      );
      expect(simulator.webhooks().map((w) => w.sending_stream ?? null)).toEqual([
        "transactional",
        null,
        "bulk",
      ]);
      // Done: the old one is now simply not in the file.
      const again = await run("plan", "-f", bulk);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`left alone (#${sending?.id})`);
    }));

  it("with --prune a replacement deletes the old webhook once the new one exists", () =>
    withSimulator(async ({ simulator, dir, file, run }) => {
      await run("apply", "-f", file("a.yaml", declared), "--yes", "--secret-out", join(dir, "s"));
      const [sending, audit] = simulator.webhooks();
      const bulk = file("b.yaml", declared.replace("stream: transactional", "stream: bulk"));
      const plan = await run("plan", "-f", bulk, "--prune");
      expect(plan.stdout).toContain(`#${sending?.id} is deleted once the new webhook exists`);
      const applied = await run(
        "apply",
        "-f",
        bulk,
        "--prune",
        "--yes",
        "--json",
        "--secret-out",
        join(dir, "s"),
      );
      expect(applied.code).toBe(0);
      expect(JSON.parse(applied.stdout).changes).toEqual([
        expect.objectContaining({ action: "replace", id: sending?.id, old: "deleted" }),
      ]);
      expect(applied.stderr).toMatch(new RegExp(`\\[1/1\\] deleted #${sending?.id} `));
      expect(applied.stderr).not.toMatch(/warning/);
      const [first, second] = simulator.webhooks();
      expect([first?.id, second?.sending_stream]).toEqual([audit?.id, "bulk"]);
      expect((await run("plan", "-f", bulk, "--prune")).code).toBe(0);
    }));

  it("apply --json shows the plan on stderr before it asks, so stdout stays JSON", () =>
    withSimulator(async ({ simulator, file, run }) => {
      // Without a terminal it then stops at the question; on one, the question follows the plan.
      const asked = await run("apply", "-f", file("a.yaml", declared), "--json");
      expect(asked.code).toBe(1);
      expect(asked.stdout).toBe("");
      expect(asked.stderr).toMatch(
        /\+ create email_sending https:\/\/example\.com\/hooks\/sending\n[\s\S]*Plan: 2 to create[\s\S]*pass --yes/,
      );
      expect(simulator.webhooks()).toEqual([]);
    }));
});
