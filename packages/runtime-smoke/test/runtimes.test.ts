import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type MockServer, startMockServer } from "@mailtrap-webhooks/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const script = join(packageDir, "smoke/smoke.mjs");
const bin = (name: string) => join(packageDir, "node_modules/.bin", name);

// pnpm puts this package's node@24 first on PATH, so Node 20 is the first `node` outside node_modules.
function systemNode(): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir.includes("node_modules")) continue;
    const candidate = join(dir, "node");
    if (existsSync(candidate)) return candidate;
  }
  throw new Error("No Node.js outside node_modules on PATH");
}

const runtimes = [
  { name: "node", major: "20", command: systemNode(), args: [script] },
  { name: "node", major: "24", command: bin("node"), args: [script] },
  { name: "bun", major: "1", command: bin("bun"), args: ["run", script] },
  {
    name: "deno",
    major: "2",
    command: bin("deno"),
    args: ["run", "--allow-net", "--allow-read", "--allow-env", script],
  },
];

describe("built packages on every runtime", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  // Undefined when startMockServer failed; that failure is the one to report.
  afterAll(() => mock?.close());

  // Concurrent: each runtime is a process of its own against the stateless mock.
  it.concurrent.each(runtimes)(
    "$name $major: client against the mock, receiver on the known-answer vector",
    async (runtime) => {
      const { stdout } = await run(runtime.command, [...runtime.args, mock.url], {
        cwd: packageDir,
        timeout: 60_000,
        env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      });
      const result = JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
      expect(result.runtime).toMatch(new RegExp(`^${runtime.name} ${runtime.major}\\.`));
      expect(result).toMatchObject({
        createdHasSecret: true,
        invalidIdError: "InvalidArgumentError",
        knownAnswer: true,
        tampered: false,
        parsedJsonLines: 2,
        handlerStatus: 200,
        handled: 1,
      });
      expect(result.listed).toBeGreaterThan(0);
      expect(result.fetchedId).toEqual(expect.any(Number));
      expect(result.fetchedId).toBe(result.deletedId);
      expect(result.updatedActive).toBe(false);
    },
  );
});
