// The CLI as users run it: the built bin in a child process, with its own environment.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const bin = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `mailtrap-webhooks ...args` with only PATH, NO_COLOR and `env` set, collecting its output. */
function spawnCli(args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => {
    output.stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output.stderr += chunk;
  });
  return { child, output };
}

/** Runs a command to its end. */
export function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Ran> {
  const { child, output } = spawnCli(args, env);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, ...output }));
  });
}

/** Starts a long-running command (listen); `firstLine` resolves once its first stdout line is out. */
export function start(args: string[], env: Record<string, string | undefined> = {}) {
  const { child, output } = spawnCli(args, env);
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const [line, rest] = output.stdout.split("\n", 2);
      if (line && rest !== undefined) resolve(line);
    });
    child.on("close", (code) => reject(new Error(`exited ${code} before its first line: ${output.stderr}`)));
  });
  return {
    firstLine,
    output: () => ({ ...output }),
    /** Waits until stdout matches, or fails after 10 s. */
    async waitFor(pattern: RegExp): Promise<string> {
      const deadline = Date.now() + 10_000;
      while (!pattern.test(output.stdout)) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${output.stdout}\n${output.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return output.stdout;
    },
    stop: () =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("close", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}
