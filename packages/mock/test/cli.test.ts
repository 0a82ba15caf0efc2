import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createWebhookHandler, type ParsedEvent } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";
import { afterEach, describe, expect, it } from "vitest";

// The CLI is tested as users run it: the built file, in a child process.
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const children: ChildProcess[] = [];

function run(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("mailtrap-webhooks-mock", () => {
  it("serve prints its URL, answers requests and exits cleanly on SIGTERM", async () => {
    const { child, output } = run(["serve", "--port", "0"]);
    const url = await waitFor(
      () => output().match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1],
      "the URL",
    );
    const response = await fetch(`${url}/api/accounts/1/webhooks/1`, { headers: { "Api-Token": "t" } });
    expect(response.status).toBe(200);
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("rejects a bad port with usage help and exit code 2", async () => {
    const { child, output } = run(["serve", "--port", "http"]);
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(output()).toContain("--port must be 0..65535");
    expect(output()).toContain("Usage:");
  });

  it("an unknown flag is a usage error (exit 2), an unreachable receiver a plain failure (exit 1)", async () => {
    const unknown = run(["serve", "--colour"]);
    const [usage] = await once(unknown.child, "exit");
    expect(usage).toBe(2);
    expect(unknown.output()).toContain("Usage:");

    // Port 9 (discard) on loopback: nothing listens there.
    const refused = run([
      "deliver",
      "--url",
      "http://127.0.0.1:9/",
      "--secret",
      "00112233445566778899aabbccddeeff",
    ]);
    const [code] = await once(refused.child, "exit");
    expect(code).toBe(1);
    expect(refused.output()).not.toContain("Usage:");
    expect(refused.output()).not.toContain("00112233445566778899aabbccddeeff");
  });

  it("deliver needs a secret and says so", async () => {
    const { child, output } = run(["deliver", "--url", "http://127.0.0.1:9/"]);
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(output()).toContain("deliver needs --secret");
  });

  it("deliver sends signed events that a real receiver verifies and accepts", async () => {
    const secret = "00112233445566778899aabbccddeeff";
    const received: ParsedEvent[] = [];
    const handler = createWebhookHandler({ secret, onEvents: (events) => void received.push(...events) });
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
      const { child, output } = run(["deliver", "--url", url, "--secret", secret, "--format", "jsonlines"]);
      const [code] = await once(child, "exit");
      expect(output()).toContain("9 events delivered");
      expect(code).toBe(0);
      expect(received.map((item) => item.event.event)).toContain("soft bounce");

      const wrongSecret = run(["deliver", "--url", url, "--secret", "ffeeddccbbaa99887766554433221100"]);
      const [failed] = await once(wrongSecret.child, "exit");
      expect(failed).toBe(1);
      expect(wrongSecret.output()).toContain("HTTP 401");
      expect(wrongSecret.output()).not.toContain("ffeeddccbbaa99887766554433221100");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
