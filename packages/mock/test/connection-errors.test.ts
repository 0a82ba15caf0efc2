import { execFile } from "node:child_process";
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { deliverTestEvents } from "../src/deliver.js";

const secret = "8d9a3c0e7f5b2d4a6c1e9f8b3a7d5c2e";
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listen(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer(onConnection);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("a receiver that cannot be reached is named, with the cause, not 'fetch failed'", () => {
  it("ECONNREFUSED: nothing listens on the port", async () => {
    const port = await closedPort();
    const failure = deliverTestEvents({ url: `http://127.0.0.1:${port}/hooks`, secret });
    await expect(failure).rejects.toMatchObject({
      name: "ConnectionError",
      code: "ECONNREFUSED",
      message: `The delivery could not reach 127.0.0.1:${port} (ECONNREFUSED): nothing listens there; is the receiver running, and on that port?`,
    });
  });

  it("ENOTFOUND: the host does not resolve", async () => {
    const failure = deliverTestEvents({ url: "http://receiver.invalid/hooks", secret });
    await expect(failure).rejects.toMatchObject({
      code: "ENOTFOUND",
      message: expect.stringContaining(
        "could not reach receiver.invalid (ENOTFOUND): the host name does not resolve",
      ),
    });
  });

  it("ECONNRESET: the receiver hangs up before answering", async () => {
    const port = await listen((socket) => socket.once("data", () => socket.destroy()));
    const failure = deliverTestEvents({ url: `http://127.0.0.1:${port}/hooks`, secret });
    await expect(failure).rejects.toMatchObject({
      code: "ECONNRESET",
      message: expect.stringContaining(`could not reach 127.0.0.1:${port} (ECONNRESET)`),
    });
  });

  it("the deliver command says the same and exits 1", async () => {
    const port = await closedPort();
    const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
    const run = promisify(execFile)(
      process.execPath,
      [cli, "deliver", "--url", `http://127.0.0.1:${port}/`],
      {
        env: { ...process.env, MAILTRAP_WEBHOOK_SECRET: secret },
      },
    );
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`could not reach 127.0.0.1:${port} (ECONNREFUSED)`),
    });
  });
});
