import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
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
    const url = await waitFor(() => output().match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1], "the URL");
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

  it("deliver needs a secret and says so", async () => {
    const { child, output } = run(["deliver", "--url", "http://127.0.0.1:9/"]);
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(output()).toContain("deliver needs --secret");
  });
});
