// Every management command as a subprocess against the Prism mock of the spec: exit codes,
// --json output, the secret shown once, and the token never printed.
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type MockServer, startMockServer } from "@mailtrap-webhooks/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./support/run.js";

const token = "cli-test-token-5f2e";
let mock: MockServer;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), "mailtrap-webhooks-cli-"));

beforeAll(async () => {
  mock = await startMockServer();
  env = { MAILTRAP_API_TOKEN: token };
});
afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => ["--base-url", mock.url];

/** A port nothing listens on: one the OS handed out and took back. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

// Concurrent: each test runs its own CLI processes against the stateless mock.
describe.concurrent("manage commands against the mock", () => {
  it("list --json prints the webhooks as JSON on stdout, nothing on stderr", async () => {
    const ran = await cli([...base(), "list", "--json"], env);
    expect(ran.code).toBe(0);
    const webhooks = JSON.parse(ran.stdout) as Array<{ id: number }>;
    expect(webhooks.length).toBeGreaterThan(0);
    expect(ran.stderr).toBe("");
  });

  it("list prints an aligned table for people", async () => {
    const ran = await cli([...base(), "list"], env);
    expect(ran.code).toBe(0);
    const [head, ...rows] = ran.stdout.trimEnd().split("\n");
    expect(head).toMatch(/^ID\s+TYPE\s+URL\s+ACTIVE\s+FORMAT\s+SUBSCRIPTION$/);
    const urlColumn = head?.indexOf("URL") ?? -1;
    for (const row of rows) expect(row.slice(urlColumn)).toMatch(/^https:\/\//);
  });

  it("get takes the account form with --account, and refuses an id that is not a number", async () => {
    const ran = await cli([...base(), "--account", "1", "get", "8127", "--json"], env);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ id: 8127 });
    const bad = await cli([...base(), "get", "12x"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: ID must be a positive whole number, got "12x".\n');
  });

  it("create prints the signing secret once, with a warning", async () => {
    const ran = await cli(
      [
        ...base(),
        "create",
        "--url",
        "https://example.com/h",
        "--type",
        "email_sending",
        "--stream",
        "transactional",
        "--events",
        "delivery,bounce",
      ],
      env,
    );
    expect(ran.code).toBe(0);
    const secret = /Signing secret of webhook #\d+: (\S+)/.exec(ran.stdout)?.[1];
    expect(secret).toMatch(/^[0-9a-f]{32}$/);
    expect(ran.stdout.split(secret ?? "").length - 1).toBe(1);
    expect(ran.stdout).toMatch(/shows it only now/);
  });

  it("create --secret-out writes the secret to a 0600 file and prints it nowhere", async () => {
    const file = join(dir, "secret");
    const ran = await cli(
      [
        ...base(),
        "create",
        "--url",
        "https://example.com/h",
        "--type",
        "audit_log",
        "--secret-out",
        file,
        "--json",
      ],
      env,
    );
    expect(ran.code).toBe(0);
    const secret = readFileSync(file, "utf8").trim();
    expect(secret).toMatch(/^[0-9a-f]{32}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(ran.stdout + ran.stderr).not.toContain(secret);
    expect(JSON.parse(ran.stdout)).not.toHaveProperty("signing_secret");
  });

  it("update needs a field; delete needs --yes without a terminal", async () => {
    const nothing = await cli([...base(), "update", "8127"], env);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/^error: Nothing to update/);
    const updated = await cli([...base(), "update", "8127", "--inactive", "--json"], env);
    expect(updated.code).toBe(0);
    const refused = await cli([...base(), "delete", "8127"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/pass --yes/);
    const deleted = await cli([...base(), "delete", "8127", "--yes"], env);
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toMatch(/^Deleted webhook #8127/);
  });

  it("warns that --token is visible to others, and never prints the token", async () => {
    const ran = await cli([...base(), "--token", token, "list"], {});
    expect(ran.code).toBe(0);
    expect(ran.stderr).toMatch(/--token can be read by other users/);
    expect(ran.stdout + ran.stderr).not.toContain(token);
    const missing = await cli([...base(), "list"], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("error: No API token: set MAILTRAP_API_TOKEN (or pass --token).\n");
  });

  it("a connection failure: the retries it waited for, one error line, no stack unless --debug", async () => {
    const closed = await freePort();
    const ran = await cli(["--base-url", `http://127.0.0.1:${closed}`, "list"], env);
    expect(ran.code).toBe(1);
    const lines = ran.stderr.trim().split("\n");
    expect(lines.slice(0, -1)).toEqual([
      expect.stringMatching(/GET \/api\/webhooks \(attempt 1 of 3\) → .*retrying in \d+ ms$/),
      expect.stringMatching(/GET \/api\/webhooks \(attempt 2 of 3\) → .*retrying in \d+ ms$/),
    ]);
    expect(lines.at(-1)).toMatch(/^error: Could not reach .*ECONNREFUSED.*--base-url/);
    // The client's option name, translated to the flag that sets it.
    expect(ran.stderr).not.toMatch(/baseUrl/);
    expect(ran.stderr).not.toContain(token);
    const debug = await cli(["--base-url", `http://127.0.0.1:${closed}`, "--debug", "list"], env);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it("colour only on a terminal: not in piped output under CI, unless FORCE_COLOR asks for it", async () => {
    const ansi = "\u001b[";
    const piped = await cli([...base(), "list"], { ...env, NO_COLOR: undefined, CI: "true" });
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toContain(ansi);
    const forced = await cli([...base(), "list"], { ...env, NO_COLOR: undefined, FORCE_COLOR: "1" });
    expect(forced.stdout).toContain(ansi);
    const both = await cli([...base(), "list"], { ...env, NO_COLOR: "1", FORCE_COLOR: "1" });
    expect(both.stdout).not.toContain(ansi);
  });

  it("--help on every command, --version, and usage errors exit 1", async () => {
    for (const command of [
      "list",
      "get",
      "create",
      "update",
      "delete",
      "plan",
      "apply",
      "listen",
      "trigger",
    ]) {
      const ran = await cli([command, "--help"]);
      expect(ran.code, command).toBe(0);
      expect(ran.stdout, command).toMatch(new RegExp(`^Usage: mailtrap-webhooks ${command}`));
    }
    // As --token's: secrets on the command line are visible to other users (ps).
    for (const command of ["listen", "trigger"]) {
      const help = (await cli([command, "--help"])).stdout.replace(/\s+/g, " ");
      // From --secret to the next option: --token's own warning is further down (global options).
      const secret = help.split("--secret <secret>")[1]?.split(" -")[0];
      expect(secret, command).toMatch(/command lines are visible to others/);
    }
    expect((await cli(["trigger", "--help"])).stdout).toMatch(/--timeout-ms <ms>/);
    const version = await cli(["--version"]);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version,
    );
    const unknown = await cli(["frobnicate"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown command/);
  });
});
