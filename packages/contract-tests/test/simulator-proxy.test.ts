// The stateful simulator (@mailtrap-webhooks/mock) against the spec: our client and Mailtrap's
// official one talk to it through Prism's validating proxy, every operation in both path forms
// and every status the simulator answers, and Prism must find nothing wrong on either side.
import {
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ValidationError,
  type WebhooksClient,
} from "@mailtrap-webhooks/client";
import type { CreateWebhookRequest } from "@mailtrap-webhooks/types";
import { MailtrapClient } from "mailtrap";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formOptions } from "./support/client.js";
import {
  type Exchange,
  type ProxiedSimulator,
  startProxiedSimulator,
  tokens,
} from "./support/simulator-proxy.js";
import { operations, type PathForm, schemaValidator } from "./support/spec.js";

let proxied: ProxiedSimulator;
let limited: ProxiedSimulator;
// One token per path form, so each form's first call spends its own one-request budget.
const limitedTokens = ["limited-token", "limited-account-token"];
beforeAll(async () => {
  [proxied, limited] = await Promise.all([
    startProxiedSimulator(),
    startProxiedSimulator({
      rateLimit: { requests: 1, windowMs: 60_000 },
      accounts: [{ id: 1, tokens: limitedTokens }],
    }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([proxied?.close(), limited?.close()]);
});

const validate = schemaValidator();

/** The spec operation an exchange reached, by method and path template. */
function operationOf(exchange: Exchange) {
  return operations().find(
    (op) =>
      op.method === exchange.method &&
      new RegExp(`^${op.path.replace(/\{[a-z_]+\}/g, "[^/]+")}$`).test(exchange.path),
  );
}

/** Runs a call that must fail with `errorClass`, and returns the error. */
async function failsWith<T extends Error>(
  call: Promise<unknown>,
  errorClass: new (...args: never[]) => T,
): Promise<T> {
  const error = await call.then(
    () => expect.unreachable("the call should have failed"),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(errorClass);
  return error as T;
}

const sendingWebhook: CreateWebhookRequest = {
  url: "https://example.com/hooks/simulator",
  webhook_type: "email_sending",
  sending_stream: "transactional",
  event_types: ["delivery", "spam_complaint"],
};

describe.each<PathForm>(["token", "account"])("our client through the proxy, %s path form", (form) => {
  const client = (options = {}): WebhooksClient => proxied.client({ ...formOptions(form), ...options });

  it("keeps state across the five operations", async () => {
    const created = await client().create(sendingWebhook);
    expect(created.signing_secret).toMatch(/^[0-9a-f]{32}$/);
    expect(proxied.simulator.webhooks().find((w) => w.id === created.id)?.signing_secret).toBe(
      created.signing_secret,
    );
    const { signing_secret: _, ...webhook } = created;
    expect(await client().list()).toContainEqual(webhook);
    expect(await client().get(created.id)).toEqual(webhook);
    expect(await client().update(created.id, { active: false })).toEqual({ ...webhook, active: false });
    expect(await client().delete(created.id)).toEqual({ ...webhook, active: false });
    await failsWith(client().get(created.id), NotFoundError);
  });

  it("answers 404 for a webhook that does not exist, on get, update and delete", async () => {
    await failsWith(client().get(999_999), NotFoundError);
    await failsWith(client().update(999_999, { active: true }), NotFoundError);
    await failsWith(client().delete(999_999), NotFoundError);
  });

  it("answers 422 with the simulator's field errors for an update the rules forbid", async () => {
    const audit = await client().create({ url: "https://example.com/audit", webhook_type: "audit_log" });
    const error = await failsWith(client().update(audit.id, { event_types: ["open"] }), ValidationError);
    expect(error.status).toBe(422);
    expect(proxied.exchanges.at(-1)?.body).toEqual({
      errors: { event_types: ["is not allowed for audit_log webhooks"] },
    });
  });

  it("answers 401 for a token of no account, on every operation", async () => {
    const stranger = client({ apiToken: "not-a-known-token" });
    await failsWith(stranger.list(), AuthenticationError);
    await failsWith(stranger.create(sendingWebhook), AuthenticationError);
    await failsWith(stranger.get(1), AuthenticationError);
    await failsWith(stranger.update(1, { active: true }), AuthenticationError);
    await failsWith(stranger.delete(1), AuthenticationError);
  });

  if (form === "account") {
    it("answers 403 for a token on another account's path, on every operation", async () => {
      const other = client({ accountId: 2 });
      await failsWith(other.list(), PermissionDeniedError);
      await failsWith(other.create(sendingWebhook), PermissionDeniedError);
      await failsWith(other.get(1), PermissionDeniedError);
      await failsWith(other.update(1, { active: true }), PermissionDeniedError);
      await failsWith(other.delete(1), PermissionDeniedError);
    });
  }

  it("answers 429 past the rate limit, on every operation", async () => {
    const hurried = limited.client({
      ...formOptions(form),
      apiToken: limitedTokens[form === "token" ? 0 : 1],
    });
    // The limit is one request per minute per token: the first call spends it.
    const calls = [
      () => hurried.list(),
      () => hurried.create(sendingWebhook),
      () => hurried.get(1),
      () => hurried.update(1, { active: true }),
      () => hurried.delete(1),
    ];
    await hurried.list();
    for (const call of calls) {
      const error = await failsWith(call(), RateLimitError);
      expect(error.status).toBe(429);
    }
  });
});

describe("Mailtrap's official Node client (mailtrap 4.10) through the proxy", () => {
  /** The SDK hard-codes https://mailtrap.io; its private axios instance is pointed at the proxy. */
  function officialClient(accountId: number) {
    const client = new MailtrapClient({ token: tokens.account1, accountId });
    const axios = (
      client as unknown as {
        axios: {
          interceptors: { request: { use(fn: (config: { url?: string }) => { url?: string }): number } };
        };
      }
    ).axios;
    axios.interceptors.request.use((config) => {
      if (config.url?.startsWith("https://mailtrap.io/")) {
        config.url = proxied.proxy.url + config.url.slice("https://mailtrap.io".length);
      }
      return config;
    });
    return client.webhooks;
  }

  it("creates, lists, gets, updates and deletes a webhook on the simulator", async () => {
    const webhooks = officialClient(1);
    const { data: created } = (await webhooks.create({
      url: "https://example.com/hooks/official",
      webhook_type: "email_sending",
      sending_stream: "bulk",
      event_types: ["bounce", "soft_bounce"],
    } as Parameters<typeof webhooks.create>[0])) as unknown as {
      data: { id: number; signing_secret: string };
    };
    expect(proxied.simulator.webhooks(1).find((w) => w.id === created.id)?.signing_secret).toBe(
      created.signing_secret,
    );
    const list = (await webhooks.getList()) as unknown as { data: { id: number }[] };
    expect(list.data.map((w) => w.id)).toContain(created.id);
    expect(await webhooks.get(created.id)).toMatchObject({
      data: { id: created.id, sending_stream: "bulk" },
    });
    expect(
      await webhooks.update(created.id, { active: false } as Parameters<typeof webhooks.update>[1]),
    ).toMatchObject({
      data: { active: false },
    });
    expect(await webhooks.delete(created.id)).toMatchObject({ data: { id: created.id } });
    const error = (await webhooks.get(created.id).then(
      () => expect.unreachable("get() of a deleted webhook should fail"),
      (reason: unknown) => reason,
    )) as Error & { cause?: { response?: { status?: number } } };
    expect(error.constructor.name).toBe("MailtrapError");
    expect(error.message).toBe("Not Found");
    expect(error.cause?.response?.status).toBe(404);
  });

  it("gets 403 on an account its token does not belong to", async () => {
    const error = (await officialClient(2)
      .getList()
      .then(
        () => expect.unreachable("getList() on another account should fail"),
        (reason: unknown) => reason,
      )) as Error & { cause?: { response?: { status?: number } } };
    expect(error.cause?.response?.status).toBe(403);
  });
});

describe("what went through the proxy", () => {
  it("broke the spec nowhere: no violations, no answer from Prism itself", () => {
    const all = [...proxied.exchanges, ...limited.exchanges];
    expect(all.length).toBeGreaterThan(40);
    for (const exchange of all) {
      expect({ ...exchange, violations: exchange.violations }).toMatchObject({ violations: null });
      expect(exchange.contentType).toMatch(/^application\/json/);
      const operation = operationOf(exchange);
      if (!operation) throw new Error(`${exchange.method} ${exchange.path} is no operation of the spec`);
      expect(operation.statuses).toContain(exchange.status);
    }
  });

  it("covered every operation in both path forms with every status the simulator answers", () => {
    const seen = new Set(
      [...proxied.exchanges, ...limited.exchanges].map((e) => `${operationOf(e)?.operationId} ${e.status}`),
    );
    // What the simulator cannot be asked through a validating proxy: the token form has no
    // other account to refuse (403), and a create that breaks the spec's schema is answered
    // by Prism before it reaches the simulator (422, checked below against the simulator directly).
    const unreachable = (operationId: string, status: number, form: PathForm) =>
      (status === 403 && form === "token") || (status === 422 && operationId.startsWith("create"));
    const missing = operations().flatMap((op) =>
      op.statuses
        .filter(
          (status) =>
            !unreachable(op.operationId, status, op.form) && !seen.has(`${op.operationId} ${status}`),
        )
        .map((status) => `${op.operationId} ${status}`),
    );
    expect(missing).toEqual([]);
  });

  it("the simulator's own 422 for an invalid create matches the spec's error body", async () => {
    const answer = await fetch(`${proxied.simulator.url}/api/webhooks`, {
      method: "POST",
      headers: { "api-token": tokens.account1, "content-type": "application/json" },
      body: JSON.stringify({ webhook: { url: "not a url", webhook_type: "email_sending", event_types: [] } }),
    });
    expect(answer.status).toBe(422);
    const body = await answer.json();
    expect(validate("ValidationErrorBody", body).errors).toBe("No errors");
    expect(body).toEqual({
      errors: { url: ["is invalid"], sending_stream: ["can't be blank"], event_types: ["can't be blank"] },
    });
  });
});
