// The mock's CLI as users run it: the built file in a child process. Every child a test file
// starts is killed after each test.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

const cli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const secretVariable = "MAILTRAP_WEBHOOK_SECRET";

/** `run(args, env)` for one test file. The secret variable is not inherited; pass it in `env`. */
export function cliRunner() {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  });
  return (args: string[], env: Record<string, string> = {}) => {
    const { [secretVariable]: _, ...inherited } = process.env;
    const child = spawn(process.execPath, [cli, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...inherited, ...env },
    });
    children.push(child);
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    return { child, output: () => output };
  };
}

/** Polls `read` until it gives a value, or fails naming `what`. */
export async function waitFor<T>(
  read: () => T | undefined | null,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
