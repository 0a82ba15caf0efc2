// listen and trigger as subprocesses: a signed delivery from trigger is verified and shown by
// listen, forwarded byte for byte with its signature, and answered with the app's status.
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exampleEvents } from "@mailtrap-webhooks/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, hangingServer, start } from "./support/run.js";

const secret = "8d9a3c0e7f5b2d4a6c1e9f8b3a7d5c2e";
const received: Array<{ headers: IncomingHttpHeaders; body: Buffer }> = [];
let app: Server;
let appUrl = "";
let appStatus = 200;

beforeAll(async () => {
  app = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(appStatus).end();
  });
  app.listen(0, "127.0.0.1");
  await once(app, "listening");
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  app.closeAllConnections();
  app.close();
});

describe("listen + trigger", () => {
  it("shows a verified delivery, one line per event, and forwards the exact bytes and signature", async () => {
    const listener = start(["listen", "--port", "0", "--forward-to", appUrl], {
      MAILTRAP_WEBHOOK_SECRET: secret,
    });
    try {
      const url = /Listening on (\S+?),?(\s|$)/.exec(await listener.firstLine)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      received.length = 0;
      appStatus = 200;
      const sent = await cli(["trigger", "sending", "--url", `${url}/mailtrap`, "--format", "jsonlines"], {
        MAILTRAP_WEBHOOK_SECRET: secret,
      });
      expect(sent.code).toBe(0);
      const events = exampleEvents("sending");
      const output = await listener.waitFor(new RegExp(`(.*\\n){${events.length + 1}}`));
      expect(output).toMatch(
        /\/mailtrap {2}jsonlines {2}verified {2}\d+ event\(s\) → 200 http:\/\/127\.0\.0\.1:\d+\/hooks/,
      );
      for (const event of events) expect(output).toContain(String(event.email));
      expect(received).toHaveLength(1);
      const [forwarded] = received;
      expect(forwarded?.headers["content-type"]).toBe("application/jsonl");
      expect(forwarded?.headers["mailtrap-signature"]).toMatch(/^[0-9a-f]{64}$/);
      expect(forwarded?.body.toString()).toBe(events.map((event) => `${JSON.stringify(event)}\n`).join(""));
    } finally {
      await listener.stop();
    }
  });

  it("answers with the app's status, so a failing app makes the sender retry", async () => {
    const listener = start(["listen", "--port", "0", "--forward-to", appUrl, "--secret", secret]);
    try {
      const url = /Listening on (\S+?),/.exec(await listener.firstLine)?.[1];
      appStatus = 500;
      const sent = await cli(["trigger", "audit_log", "--url", `${url}/`, "--secret", secret, "--json"]);
      expect(sent.code).toBe(1);
      expect(JSON.parse(sent.stdout)).toMatchObject({ kind: "audit_log", status: 500 });
      await listener.waitFor(/→ 500/);
    } finally {
      await listener.stop();
    }
  });

  it("rejects a delivery signed with another secret, and does not forward it", async () => {
    const listener = start(["listen", "--port", "0", "--forward-to", appUrl, "--json"], {
      MAILTRAP_WEBHOOK_SECRET: secret,
    });
    try {
      // With --json, stdout carries only JSON lines: the address goes to stderr.
      const url = /Listening on (\S+?),/.exec(await listener.waitFor(/Listening on \S+,/, "stderr"))?.[1];
      received.length = 0;
      const sent = await cli(["trigger", "--url", `${url}/`], { MAILTRAP_WEBHOOK_SECRET: "f".repeat(32) });
      expect(sent.code).toBe(1);
      expect(sent.stderr).toMatch(/: 401/);
      const stdout = await listener.waitFor(/"verdict"/);
      const [line, ...rest] = stdout.trimEnd().split("\n");
      expect(rest).toEqual([]);
      expect(JSON.parse(line ?? "")).toMatchObject({
        verdict: "rejected",
        problem: "signature mismatch",
        status: 401,
      });
      expect(received).toHaveLength(0);
      expect(listener.output().stdout + listener.output().stderr).not.toContain(secret);
    } finally {
      await listener.stop();
    }
  });

  it("trigger refuses what Mailtrap never sends, and needs a secret", async () => {
    const inbound = await cli([
      "trigger",
      "inbound",
      "--url",
      "http://127.0.0.1:9/",
      "--format",
      "jsonlines",
      "--secret",
      secret,
    ]);
    expect(inbound.code).toBe(1);
    expect(inbound.stderr).toBe("error: inbound deliveries come as json only, not jsonlines.\n");
    const kind = await cli(["trigger", "bogus", "--url", "http://127.0.0.1:9/", "--secret", secret]);
    expect(kind.stderr).toMatch(/KIND must be one of sending, campaigns, audit_log, inbound/);
    const noSecret = await cli(["trigger", "--url", "http://127.0.0.1:9/"]);
    expect(noSecret.stderr).toMatch(/No signing secret/);
  });

  it("stops at once on SIGTERM, even while a forward waits for a hanging app", async () => {
    const hung = await hangingServer();
    const listener = start([
      "listen",
      "--port",
      "0",
      "--forward-to",
      `${hung.url}/hooks`,
      "--secret",
      secret,
    ]);
    try {
      const url = /Listening on (\S+?),/.exec(await listener.firstLine)?.[1];
      const sent = cli(["trigger", "--url", `${url}/`, "--secret", secret]);
      await hung.received;
      const stopping = Date.now();
      await listener.stop();
      // Without aborting the forward, listen waited for its 30 s timeout.
      expect(Date.now() - stopping).toBeLessThan(5_000);
      expect((await sent).code).toBe(1);
    } finally {
      await listener.stop();
      await hung.close();
    }
  });

  it("trigger: waits as long as --timeout-ms says, within setTimeout's range, and only sends over http(s)", async () => {
    const hung = await hangingServer();
    try {
      const started = Date.now();
      const late = await cli(["trigger", "--url", `${hung.url}/`, "--secret", secret, "--timeout-ms", "300"]);
      expect(late.code).toBe(1);
      expect(late.stderr).toMatch(/: no answer within 300 ms \(--timeout-ms\)\.$/m);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await hung.close();
    }
    const huge = await cli([
      "trigger",
      "--url",
      "http://127.0.0.1:9/",
      "--secret",
      secret,
      "--timeout-ms",
      "9999999999",
    ]);
    expect(huge.code).toBe(1);
    expect(huge.stderr).toBe(
      'error: --timeout-ms must be a whole number of milliseconds from 1 to 2147483647, got "9999999999".\n',
    );
    const ftp = await cli(["trigger", "--url", "ftp://127.0.0.1:9/", "--secret", secret]);
    expect(ftp.code).toBe(1);
    expect(ftp.stderr).toBe('error: --url must be an absolute http(s) URL, got "ftp://127.0.0.1:9/".\n');
  });
});
