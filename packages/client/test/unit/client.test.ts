import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { CreateWebhookRequest } from "@mailtrap-webhooks/types";
import { describe, expect, it } from "vitest";
import {
  type ClientOptions,
  createWebhooksClient,
  DEFAULT_BASE_URL,
  InvalidArgumentError,
  MailtrapWebhooksError,
  VERSION,
  type WebhooksClient,
} from "../../src/index.js";
import {
  auditLogWebhook,
  created,
  fakeFetch,
  inboundWebhook,
  json,
  rejectionOf,
  TOKEN,
  webhook,
} from "../helpers/fixtures.js";
import { sendJson, serversClosedAfterEach } from "../helpers/server.js";

const BASE = "https://api.test";
const packageVersion: string = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
).version;

function setup(options: Partial<ClientOptions> = {}) {
  const fake = fakeFetch((seen) => {
    if (seen.method === "POST") return json({ data: created });
    if (seen.url.endsWith("/webhooks")) return json({ data: [webhook] });
    return json({ data: webhook });
  });
  const client = createWebhooksClient({ apiToken: TOKEN, baseUrl: BASE, fetch: fake.fetch, ...options });
  return { client, seen: fake.seen };
}

const serve = serversClosedAfterEach();

const newWebhook: CreateWebhookRequest = {
  url: "https://example.com/hooks",
  webhook_type: "email_sending",
  sending_stream: "transactional",
  event_types: ["delivery"],
};

/** Each method, what it must send in each path form, and what the server answers. */
const CALLS = [
  {
    name: "list",
    call: (c: WebhooksClient) => c.list(),
    method: "GET",
    tokenPath: "/api/webhooks",
    accountPath: "/api/accounts/42/webhooks",
    sent: undefined,
    answer: [webhook],
  },
  {
    name: "create",
    call: (c: WebhooksClient) => c.create(newWebhook),
    method: "POST",
    tokenPath: "/api/webhooks",
    accountPath: "/api/accounts/42/webhooks",
    sent: { webhook: newWebhook },
    answer: created,
  },
  {
    name: "get",
    call: (c: WebhooksClient) => c.get(8127),
    method: "GET",
    tokenPath: "/api/webhooks/8127",
    accountPath: "/api/accounts/42/webhooks/8127",
    sent: undefined,
    answer: webhook,
  },
  {
    name: "update",
    call: (c: WebhooksClient) => c.update(8127, { active: false }),
    method: "PATCH",
    tokenPath: "/api/webhooks/8127",
    accountPath: "/api/accounts/42/webhooks/8127",
    sent: { webhook: { active: false } },
    answer: webhook,
  },
  {
    name: "delete",
    call: (c: WebhooksClient) => c.delete(8127),
    method: "DELETE",
    tokenPath: "/api/webhooks/8127",
    accountPath: "/api/accounts/42/webhooks/8127",
    sent: undefined,
    answer: webhook,
  },
] as const;

const FORMS = [
  { form: "token-scoped", accountId: undefined, pathOf: (c: (typeof CALLS)[number]) => c.tokenPath },
  { form: "account-scoped", accountId: 42, pathOf: (c: (typeof CALLS)[number]) => c.accountPath },
] as const;

describe.each(FORMS)("$form paths (accountId: $accountId), on the wire", ({ accountId, pathOf }) => {
  it.each(CALLS)("$name sends $method to its path and unwraps data", async (expected) => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: expected.answer }));
    const client = createWebhooksClient({ apiToken: TOKEN, accountId, baseUrl: server.url });
    await expect(expected.call(client)).resolves.toEqual(expected.answer);
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(`${request?.method} ${request?.path}`).toBe(`${expected.method} ${pathOf(expected)}`);
    expect(request?.headers["api-token"]).toBe(TOKEN);
    expect(request?.headers.authorization).toBeUndefined();
    if (expected.sent === undefined) {
      expect(request?.body).toBe("");
    } else {
      expect(request?.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(request?.body ?? "")).toEqual(expected.sent);
    }
  });

  it('sends Authorization: Bearer, and no Api-Token, with authScheme "bearer"', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: webhook }));
    const client = createWebhooksClient({
      apiToken: TOKEN,
      accountId,
      authScheme: "bearer",
      baseUrl: server.url,
    });
    await client.get(8127);
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(server.received[0]?.headers["api-token"]).toBeUndefined();
  });

  it("hands every webhook of a realistic list back unchanged, unknown fields included", async () => {
    // What Mailtrap can answer: each webhook carries only the fields of its type, and
    // fields the spec does not know yet (here created_at) must survive.
    const answer = {
      data: [
        { ...webhook, created_at: "2026-05-04T10:00:00Z" },
        auditLogWebhook,
        { ...inboundWebhook, inbox_name: "support" },
      ],
    };
    const server = await serve((_req, res) => sendJson(res, 200, answer));
    const client = createWebhooksClient({ apiToken: TOKEN, accountId, baseUrl: server.url });
    const webhooks = await client.list();
    // Strict: a key added as undefined or null (a "normalised" audit_log webhook) fails too.
    expect(webhooks).toStrictEqual(answer.data);
    expect(Object.keys(webhooks[1] ?? {})).toEqual(["id", "url", "active", "webhook_type", "payload_format"]);
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

  it("puts the caller's userAgent before ours", async () => {
    const { client, seen } = setup({ userAgent: "billing-sync/1.4" });
    await client.list();
    expect(seen[0]?.headers.get("user-agent")).toBe(`billing-sync/1.4 mailtrap-webhooks-client/${VERSION}`);
  });

  it("drops a trailing slash from baseUrl and defaults to mailtrap.io", async () => {
    const { client, seen } = setup({ baseUrl: `${BASE}/` });
    await client.list();
    expect(seen[0]?.url).toBe(`${BASE}/api/webhooks`);

    const fake = fakeFetch(() => json({ data: [] }));
    await createWebhooksClient({ apiToken: TOKEN, fetch: fake.fetch }).list();
    expect(fake.seen[0]?.url).toBe(`${DEFAULT_BASE_URL}/api/webhooks`);
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

  it("calls a custom fetch like the global one, with a fresh headers object per attempt", async () => {
    const server = await serve((_req, res) => sendJson(res, 503, { error: "down" }));
    const calls: [unknown, RequestInit | undefined][] = [];
    const preferBefore: (string | undefined)[] = [];
    const client = createWebhooksClient({
      apiToken: TOKEN,
      baseUrl: server.url,
      maxRetries: 1,
      rateLimit: false,
      fetch: (input, init) => {
        calls.push([input, init]);
        // A wrapper may change the headers it is given: only this attempt's change.
        const headers = init?.headers as Record<string, string>;
        preferBefore.push(headers.Prefer);
        headers.Prefer = `attempt-${calls.length}`;
        return fetch(input, init);
      },
    });
    await expect(client.update(8127, { active: true })).rejects.toThrow(/503/);
    expect(calls.map(([input]) => input)).toEqual([
      `${server.url}/api/webhooks/8127`,
      `${server.url}/api/webhooks/8127`,
    ]);
    expect(calls.map(([, init]) => init?.method)).toEqual(["PATCH", "PATCH"]);
    expect(calls[0]?.[1]?.signal).toBeInstanceOf(AbortSignal);
    expect(calls[0]?.[1]?.signal).not.toBe(calls[1]?.[1]?.signal);
    expect(preferBefore).toEqual([undefined, undefined]);
    expect(server.received.map((request) => request.headers.prefer)).toEqual(["attempt-1", "attempt-2"]);
    expect(server.received[0]?.headers["api-token"]).toBe(TOKEN);
  });

  it("VERSION matches package.json", () => {
    expect(VERSION).toBe(packageVersion);
  });

  // The build writes the version in (tsup `define`), so `changeset version` needs no extra step.
  it("the built ESM and CJS entries carry package.json's version", async () => {
    const esm = new URL("../../dist/index.js", import.meta.url);
    const cjs = new URL("../../dist/index.cjs", import.meta.url);
    expect(existsSync(esm) && existsSync(cjs), "dist/ is missing: run `pnpm build` first").toBe(true);
    const built = (await import(esm.href)) as { VERSION: string };
    expect(built.VERSION).toBe(packageVersion);
    expect(createRequire(import.meta.url)(cjs.pathname).VERSION).toBe(packageVersion);
  });
});

describe("a custom fetch must resolve to a Response", () => {
  it("anything else ends in InvalidArgumentError naming fetch, not a raw TypeError, and is not retried", async () => {
    let calls = 0;
    const client = createWebhooksClient({
      apiToken: TOKEN,
      // What a hand-written mock often returns: only what response.json() callers read.
      fetch: async () => {
        calls++;
        return { ok: true, status: 200, json: async () => ({ data: [] }) } as unknown as Response;
      },
    });
    const error = (await rejectionOf(client.list())) as InvalidArgumentError;
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toBeInstanceOf(MailtrapWebhooksError);
    expect(error.field).toBe("fetch");
    expect(error.message).toBe("fetch must resolve to a Response, got an object");
    expect(calls).toBe(1);
  });

  it("a Response-like object (another realm, a polyfill) that is no instance of Response still works", async () => {
    const client = createWebhooksClient({
      apiToken: TOKEN,
      fetch: async () => {
        const { status, ok, headers, body } = json({ data: [webhook] });
        return { status, ok, headers, body } as Response;
      },
    });
    await expect(client.list()).resolves.toEqual([webhook]);
  });
});

describe("parameter types come from the spec", () => {
  it("accountId is optional but must be a number (checked by tsc)", () => {
    const options: ClientOptions[] = [
      { apiToken: TOKEN },
      { apiToken: TOKEN, accountId: 42 },
      // @ts-expect-error an account id is a number, not a string
      { apiToken: TOKEN, accountId: "42" },
    ];
    expect(options).toHaveLength(3);
  });

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
