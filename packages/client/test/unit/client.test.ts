import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createWebhooksClient, DEFAULT_BASE_URL, VERSION } from "../../src/index.js";
import { created, fakeFetch, json, SECRET, TOKEN, webhook } from "../helpers/fixtures.js";

const BASE = "https://api.test";

function setup(options: Partial<Parameters<typeof createWebhooksClient>[0]> = {}) {
  const fake = fakeFetch((seen) => {
    if (seen.method === "POST") return json({ data: created });
    if (seen.url.endsWith("/webhooks")) return json({ data: [webhook] });
    return json({ data: webhook });
  });
  const client = createWebhooksClient({
    apiToken: TOKEN,
    accountId: 42,
    baseUrl: BASE,
    fetch: fake.fetch,
    ...options,
  });
  return { client, seen: fake.seen };
}

describe("operations", () => {
  it("list sends GET to the collection and unwraps data", async () => {
    const { client, seen } = setup();
    await expect(client.list()).resolves.toEqual([webhook]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe("GET");
    expect(seen[0]?.url).toBe(`${BASE}/api/accounts/42/webhooks`);
    expect(seen[0]?.body).toBe("");
  });

  it("create wraps params in { webhook } and returns the webhook with its signing secret", async () => {
    const { client, seen } = setup();
    const params = {
      url: "https://example.com/hooks",
      webhook_type: "email_sending",
      sending_stream: "transactional",
      event_types: ["delivery"],
    } as const;
    const result = await client.create({ ...params, event_types: [...params.event_types] });
    expect(result.signing_secret).toBe(SECRET);
    expect(result.id).toBe(webhook.id);
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.url).toBe(`${BASE}/api/accounts/42/webhooks`);
    expect(seen[0]?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ webhook: params });
  });

  it("get sends GET to the item path", async () => {
    const { client, seen } = setup();
    await expect(client.get(8127)).resolves.toEqual(webhook);
    expect(seen[0]?.method).toBe("GET");
    expect(seen[0]?.url).toBe(`${BASE}/api/accounts/42/webhooks/8127`);
  });

  it("update sends PATCH with { webhook } and unwraps data", async () => {
    const { client, seen } = setup();
    await expect(client.update(8127, { active: false })).resolves.toEqual(webhook);
    expect(seen[0]?.method).toBe("PATCH");
    expect(seen[0]?.url).toBe(`${BASE}/api/accounts/42/webhooks/8127`);
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ webhook: { active: false } });
  });

  it("delete sends DELETE to the item path and returns the deleted webhook", async () => {
    const { client, seen } = setup();
    await expect(client.delete(8127)).resolves.toEqual(webhook);
    expect(seen[0]?.method).toBe("DELETE");
    expect(seen[0]?.url).toBe(`${BASE}/api/accounts/42/webhooks/8127`);
  });
});

describe("headers and options", () => {
  it("sends Api-Token by default, plus Accept and our User-Agent", async () => {
    const { client, seen } = setup();
    await client.list();
    const headers = seen[0]?.headers;
    expect(headers?.get("api-token")).toBe(TOKEN);
    expect(headers?.get("authorization")).toBeNull();
    expect(headers?.get("accept")).toBe("application/json");
    expect(headers?.get("user-agent")).toBe(`mailtrap-webhooks-client/${VERSION}`);
  });

  it('sends Authorization: Bearer with authScheme "bearer", and no Api-Token', async () => {
    const { client, seen } = setup({ authScheme: "bearer" });
    await client.get(1);
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]?.headers.get("api-token")).toBeNull();
  });

  it("puts the caller's userAgent before ours", async () => {
    const { client, seen } = setup({ userAgent: "billing-sync/1.4" });
    await client.list();
    expect(seen[0]?.headers.get("user-agent")).toBe(`billing-sync/1.4 mailtrap-webhooks-client/${VERSION}`);
  });

  it("drops a trailing slash from baseUrl and defaults to mailtrap.io", async () => {
    const { client, seen } = setup({ baseUrl: `${BASE}/` });
    await client.list();
    expect(seen[0]?.url).toBe(`${BASE}/api/accounts/42/webhooks`);

    const fake = fakeFetch(() => json({ data: [] }));
    await createWebhooksClient({ apiToken: TOKEN, accountId: 1, fetch: fake.fetch }).list();
    expect(fake.seen[0]?.url).toBe(`${DEFAULT_BASE_URL}/api/accounts/1/webhooks`);
    expect(DEFAULT_BASE_URL).toBe("https://mailtrap.io");
  });

  it("uses globalThis.fetch, looked up at call time, when no fetch is given", async () => {
    const original = globalThis.fetch;
    const fake = fakeFetch(() => json({ data: [] }));
    const client = createWebhooksClient({ apiToken: TOKEN, accountId: 7, baseUrl: BASE });
    globalThis.fetch = fake.fetch as typeof fetch;
    try {
      await expect(client.list()).resolves.toEqual([]);
    } finally {
      globalThis.fetch = original;
    }
    expect(fake.seen[0]?.url).toBe(`${BASE}/api/accounts/7/webhooks`);
  });

  it("VERSION matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(VERSION).toBe(pkg.version);
  });
});

describe("raw client", () => {
  it("answers { data, error, response } with auth, User-Agent and baseUrl preset, without throwing", async () => {
    const fake = fakeFetch((_seen, i) =>
      i === 0 ? json({ data: webhook }) : json({ error: "Not Found" }, 404),
    );
    const client = createWebhooksClient({ apiToken: TOKEN, accountId: 42, baseUrl: BASE, fetch: fake.fetch });
    const ok = await client.raw.GET("/api/accounts/{account_id}/webhooks/{webhook_id}", {
      params: { path: { account_id: 42, webhook_id: 8127 } },
    });
    expect(ok.data?.data).toEqual(webhook);
    expect(ok.response.status).toBe(200);
    const missing = await client.raw.GET("/api/accounts/{account_id}/webhooks/{webhook_id}", {
      params: { path: { account_id: 42, webhook_id: 1 } },
    });
    expect(missing.error).toEqual({ error: "Not Found" });
    expect(missing.response.status).toBe(404);
    expect(fake.seen[0]?.url).toBe(`${BASE}/api/accounts/42/webhooks/8127`);
    expect(fake.seen[0]?.headers.get("api-token")).toBe(TOKEN);
    expect(fake.seen[0]?.headers.get("user-agent")).toContain("mailtrap-webhooks-client/");
    // Raw calls never retry.
    expect(fake.seen).toHaveLength(2);
  });
});

describe("parameter types come from the spec", () => {
  it("reject at compile time what the spec forbids (checked by tsc)", async () => {
    const { client, seen } = setup();
    const calls = [
      // @ts-expect-error an email_sending webhook needs sending_stream
      () => client.create({ url: "https://x", webhook_type: "email_sending", event_types: [] }),
      // @ts-expect-error webhook_type is fixed after creation
      () => client.update(1, { webhook_type: "campaigns" }),
      // @ts-expect-error ids are numbers
      () => client.get("8127"),
    ];
    // At run time the server (or the id check) is what stops them.
    await Promise.allSettled(calls.map((call) => call()));
    expect(seen.map((s) => s.method)).toEqual(["POST", "PATCH"]);
  });
});
