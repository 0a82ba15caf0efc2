// The CLI as users run it: the built bin in a child process, with its own environment.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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
  // A test that reads stderr instead need not await it; its rejection is not an unhandled one.
  firstLine.catch(() => {});
  return {
    firstLine,
    output: () => ({ ...output }),
    /** Waits until stdout (or `stream`) matches, or fails after 10 s; resolves with that stream's text. */
    async waitFor(pattern: RegExp, stream: "stdout" | "stderr" = "stdout"): Promise<string> {
      const deadline = Date.now() + 10_000;
      while (!pattern.test(output[stream])) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${output.stdout}\n${output.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return output[stream];
    },
    stop: () =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("close", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}

/** A server on 127.0.0.1 that takes requests and never answers, like a hung app or API. */
export async function hangingServer() {
  let arrived: () => void = () => {};
  const received = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const server = createServer(() => arrived());
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Resolves when the first request has come in. */
    received,
    close: async () => {
      server.closeAllConnections();
      server.close();
      if (server.listening) await once(server, "close");
    },
  };
}
