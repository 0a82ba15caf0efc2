/**
 * @mailtrap-webhooks/client/raw: the openapi-fetch client, set up like the main client, in an
 * entry of its own so that the main entry does not load or bundle openapi-fetch.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/index.js";
import { createRawClient } from "../../src/raw.js";
import { fakeFetch, json, TOKEN, webhook } from "../helpers/fixtures.js";
import { startServer } from "../helpers/server.js";

const BASE = "https://api.test";

describe("createRawClient", () => {
  it("answers { data, error, response } with auth, User-Agent and baseUrl preset, without throwing", async () => {
    const fake = fakeFetch((_seen, i) =>
      i === 0 ? json({ data: webhook }) : json({ error: "Not Found" }, 404),
    );
    const raw = createRawClient({ apiToken: TOKEN, baseUrl: `${BASE}/`, fetch: fake.fetch });
    const ok = await raw.GET("/api/webhooks/{webhook_id}", { params: { path: { webhook_id: 8127 } } });
    expect(ok.data?.data).toEqual(webhook);
    expect(ok.response.status).toBe(200);
    const missing = await raw.GET("/api/webhooks/{webhook_id}", { params: { path: { webhook_id: 1 } } });
    expect(missing.error).toEqual({ error: "Not Found" });
    expect(missing.response.status).toBe(404);
    expect(fake.seen[0]?.url).toBe(`${BASE}/api/webhooks/8127`);
    expect(fake.seen[0]?.headers.get("api-token")).toBe(TOKEN);
    expect(fake.seen[0]?.headers.get("accept")).toBe("application/json");
    expect(fake.seen[0]?.headers.get("user-agent")).toMatch(/^mailtrap-webhooks-client\/\d/);
    // Raw calls never retry.
    expect(fake.seen).toHaveLength(2);
  });

  it("reaches the account-scoped paths, with bearer auth and the caller's userAgent", async () => {
    const fake = fakeFetch(() => json({ data: [webhook] }));
    const raw = createRawClient({
      apiToken: TOKEN,
      baseUrl: BASE,
      fetch: fake.fetch,
      authScheme: "bearer",
      userAgent: "billing-sync/1.4",
    });
    const { data } = await raw.GET("/api/accounts/{account_id}/webhooks", {
      params: { path: { account_id: 42 } },
    });
    expect(data?.data).toEqual([webhook]);
    expect(fake.seen[0]?.url).toBe(`${BASE}/api/accounts/42/webhooks`);
    expect(fake.seen[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(fake.seen[0]?.headers.get("api-token")).toBeNull();
    expect(fake.seen[0]?.headers.get("user-agent")).toMatch(/^billing-sync\/1\.4 mailtrap-webhooks-client\//);
  });

  it("does not follow redirects, which would carry the token to another host", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(302, { location: "https://elsewhere.test/" });
      res.end();
    });
    try {
      const { response } = await createRawClient({ apiToken: TOKEN, baseUrl: server.url }).GET(
        "/api/webhooks",
      );
      expect(response.status).toBe(302);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("checks its options like createWebhooksClient", () => {
    expect(() => createRawClient({ apiToken: " " })).toThrow(InvalidArgumentError);
    expect(() => createRawClient({ apiToken: TOKEN, baseUrl: "mailtrap.io" })).toThrow(/baseUrl must be/);
  });

  it("lives in its own entry: the main entry's build is one file that imports nothing", () => {
    for (const file of ["index.js", "index.cjs"]) {
      const built = readFileSync(new URL(`../../dist/${file}`, import.meta.url), "utf8");
      expect(built, file).not.toMatch(/(?:\bfrom |\bimport\(|\brequire\()\s*["']/);
      expect(built, file).not.toContain("openapi-fetch");
    }
  });

  it("the built raw entry throws the main entry's own InvalidArgumentError, in ESM and CJS", async () => {
    const dist = (file: string) => new URL(`../../dist/${file}`, import.meta.url);
    const main = await import(dist("index.js").href);
    const raw = await import(dist("raw.js").href);
    expect(() => raw.createRawClient({ apiToken: " " })).toThrow(main.InvalidArgumentError);
    const require = createRequire(import.meta.url);
    const mainCjs = require(dist("index.cjs").pathname);
    const rawCjs = require(dist("raw.cjs").pathname);
    expect(() => rawCjs.createRawClient({ apiToken: " " })).toThrow(mainCjs.InvalidArgumentError);
  });
});
