import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/server.js";

// An upstream whose list answer breaks the spec: `data` must be an array.
const upstream = createServer((_request, response) => {
  response.writeHead(200, { "content-type": "application/json" }).end('{"data":{"id":"x"}}');
});
let proxy: MockServer;

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  proxy = await startMockServer({ upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` });
});
afterAll(async () => {
  await proxy?.close();
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

describe("startMockServer({ upstream }): Prism as a validating proxy", () => {
  it("turns an upstream answer that breaks the spec into a 500 naming the violation", async () => {
    const response = await fetch(`${proxy.url}/api/webhooks`, { headers: { "api-token": "t" } });
    expect(response.status).toBe(500);
    expect(response.headers.get("sl-violations")).toContain("data");
  });

  it("answers a request that breaks the spec itself, without forwarding it", async () => {
    const response = await fetch(`${proxy.url}/api/webhooks`);
    expect(response.status).toBe(401);
  });

  it("refuses an upstream that is not an http(s) URL", async () => {
    await expect(startMockServer({ upstream: "ftp://127.0.0.1" })).rejects.toThrow(/http or https/);
    await expect(startMockServer({ upstream: "127.0.0.1:4020" })).rejects.toThrow(/absolute http\(s\) URL/);
  });
});
