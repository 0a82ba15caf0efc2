import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import { type AddressInfo, connect, createServer as createNetServer } from "node:net";
import { createWebhookHandler, type ParsedEvent } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";
import { type DeliveryKind, deliveryEntries } from "@mailtrap-webhooks/spec";
import { describe, expect, it } from "vitest";
import { exampleEvents } from "../src/spec.js";
import { cliRunner, waitFor } from "./support/cli.js";

// The CLI is tested as users run it: the built file, in a child process.
const run = cliRunner();
const secretVariable = "MAILTRAP_WEBHOOK_SECRET";

// Resolves with the exit code, or rejects if the child is still running after timeoutMs.
async function exitCode(child: ChildProcess, timeoutMs = 10_000): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      once(child, "exit").then(([code]) => code as number | null),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// A loopback port nothing listens on: the OS picks a free one, and we let it go again.
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

// A receiver that verifies signatures with `secret`, as a user's endpoint would.
async function withReceiver(
  secret: string,
  test: (url: string, received: ParsedEvent[]) => Promise<void>,
): Promise<void> {
  const received: ParsedEvent[] = [];
  const handler = createWebhookHandler({ secret, onEvents: (events) => void received.push(...events) });
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await test(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

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

    const refused = run([
      "deliver",
      "--url",
      `http://127.0.0.1:${await freePort()}/`,
      "--secret",
      "00112233445566778899aabbccddeeff",
    ]);
    const [code] = await once(refused.child, "exit");
    expect(code).toBe(1);
    expect(refused.output()).not.toContain("Usage:");
    expect(refused.output()).not.toContain("00112233445566778899aabbccddeeff");
  });

  it("deliver needs a secret and says where to put it", async () => {
    const { child, output } = run(["deliver", "--url", "http://127.0.0.1:9/"]);
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(output()).toContain(`deliver needs the webhook's signing secret: set ${secretVariable}`);
  });

  it("deliver sends signed events that a real receiver verifies and accepts", async () => {
    const secret = "00112233445566778899aabbccddeeff";
    await withReceiver(secret, async (url, received) => {
      const { child, output } = run(["deliver", "--url", url, "--secret", secret, "--format", "jsonlines"]);
      const [code] = await once(child, "exit");
      expect(output()).toContain(`${exampleEvents("sending").length} events delivered`);
      expect(code).toBe(0);
      expect(received.map((item) => item.event.event)).toContain("soft bounce");

      const wrongSecret = run(["deliver", "--url", url, "--secret", "ffeeddccbbaa99887766554433221100"]);
      const [failed] = await once(wrongSecret.child, "exit");
      expect(failed).toBe(1);
      expect(wrongSecret.output()).toContain("HTTP 401");
      expect(wrongSecret.output()).not.toContain("ffeeddccbbaa99887766554433221100");
    });
  });

  // The kind a receiver parses each delivery's events into; campaign events carry sending names.
  const parsedKind = {
    sending: "sending",
    campaigns: "sending",
    audit_log: "audit_log",
    inbound: "inbound",
  } as const satisfies Record<DeliveryKind, ParsedEvent["kind"]>;

  it.each(Object.keys(deliveryEntries) as DeliveryKind[])(
    "deliver --kind %s sends that delivery's signed examples, and a real receiver parses them",
    async (kind) => {
      const secret = "00112233445566778899aabbccddeeff";
      await withReceiver(secret, async (url, received) => {
        const { child, output } = run(["deliver", "--url", url, "--kind", kind], {
          [secretVariable]: secret,
        });
        expect(await exitCode(child), output()).toBe(0);
        expect(output()).toContain("HTTP 200");
        expect(received).toEqual(exampleEvents(kind).map((event) => ({ kind: parsedKind[kind], event })));
      });
    },
  );

  it("deliver --kind takes the spec's kinds, each in the formats it is delivered in", async () => {
    const env = { [secretVariable]: "00112233445566778899aabbccddeeff" };
    const unknown = run(["deliver", "--url", "http://127.0.0.1:9/", "--kind", "marketing"], env);
    expect(await exitCode(unknown.child)).toBe(2);
    expect(unknown.output()).toContain(
      `--kind must be one of ${Object.keys(deliveryEntries).join(", ")}, got "marketing"`,
    );
    const jsonLines = run(
      ["deliver", "--url", "http://127.0.0.1:9/", "--kind", "inbound", "--format", "jsonlines"],
      env,
    );
    expect(await exitCode(jsonLines.child)).toBe(2);
    expect(jsonLines.output()).toContain("--kind inbound is delivered as json only, not jsonlines");
  });

  it("serve exits soon after SIGTERM even while a request is still being sent", async () => {
    const { child, output } = run(["serve", "--port", "0"]);
    const url = new URL(
      await waitFor(() => output().match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1], "the URL"),
    );
    const socket = connect(Number(url.port), url.hostname);
    try {
      let answer = "";
      socket.on("data", (chunk) => {
        answer += chunk;
      });
      // Headers promising a body that never comes; "100 Continue" shows the server has the request.
      socket.write(
        "POST /api/accounts/1/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nApi-Token: t\r\n" +
          "Content-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n{",
      );
      await waitFor(() => (answer.includes("100 Continue") ? true : undefined), "100 Continue");
      const signalled = Date.now();
      child.kill("SIGTERM");
      expect(await exitCode(child, 8_000)).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(6_000);
      expect(output()).toContain("exiting without it");
    } finally {
      socket.destroy();
    }
  });

  it("--port takes only digits, 0..65535", async () => {
    // Number() reads "" as 0 and "0x1F90" as 8080; each would start a server.
    const bad = ["", "0x1F90", "1e3", " 80", "65536"];
    const runs = bad.map((port) => ({ port, ...run(["serve", `--port=${port}`]) }));
    for (const { port, child, output } of runs) {
      // Parallel children load Prism at once, which is slow with few cores.
      expect(await exitCode(child, 25_000), `--port="${port}"`).toBe(2);
      expect(output()).toContain(`--port must be 0..65535, got "${port}"`);
    }
  });

  it("serve --help and deliver --help print the usage and exit 0", async () => {
    for (const args of [["serve", "--help"], ["deliver", "--help"], ["deliver", "-h"], ["--help"]]) {
      const { child, output } = run(args);
      expect(await exitCode(child), args.join(" ")).toBe(0);
      expect(output()).toContain("Usage:");
      expect(output()).toContain(secretVariable);
      expect(output()).toContain(`--kind ${Object.keys(deliveryEntries).join("|")}`);
      expect(output()).not.toContain("Unknown");
    }
  });

  it("deliver reads the secret from MAILTRAP_WEBHOOK_SECRET, and --secret wins over it", async () => {
    const secret = "00112233445566778899aabbccddeeff";
    const wrong = "ffeeddccbbaa99887766554433221100";
    await withReceiver(secret, async (url, received) => {
      const fromEnv = run(["deliver", "--url", url], { [secretVariable]: secret });
      expect(await exitCode(fromEnv.child)).toBe(0);
      expect(fromEnv.output()).toContain("HTTP 200");
      expect(received.length).toBe(exampleEvents("sending").length);
      expect(fromEnv.output()).not.toContain(secret);

      const flagWins = run(["deliver", "--url", url, "--secret", secret], { [secretVariable]: wrong });
      expect(await exitCode(flagWins.child)).toBe(0);

      const wrongEnv = run(["deliver", "--url", url], { [secretVariable]: wrong });
      expect(await exitCode(wrongEnv.child)).toBe(1);
      expect(wrongEnv.output()).toContain("HTTP 401");
      expect(wrongEnv.output()).not.toContain(wrong);
    });
  });

  it("deliver --timeout-ms gives up on a receiver that never answers", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hooks`;
      const env = { [secretVariable]: "00112233445566778899aabbccddeeff" };
      const { child, output } = run(["deliver", "--url", url, "--timeout-ms", "300"], env);
      expect(await exitCode(child)).toBe(1);
      expect(output()).toContain("did not answer within 300 ms; Mailtrap would retry");

      const bad = run(["deliver", "--url", url, "--timeout-ms", "0"], env);
      expect(await exitCode(bad.child)).toBe(2);
      expect(bad.output()).toContain('--timeout-ms must be 1..2147483647, got "0"');
    } finally {
      // close() alone would wait for the request that was never answered.
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
