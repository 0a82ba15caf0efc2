import { describe, expect, it } from "vitest";
import { call, simulator } from "./support.js";

const sendingWebhook = {
  url: "https://example.com/hooks",
  webhook_type: "email_sending",
  sending_stream: "transactional",
  event_types: ["delivery", "bounce"],
};

// The same operations under both path forms: token-scoped, and with the token's account id.
const forms = [
  { form: "token-scoped", base: "/api/webhooks" },
  { form: "account", base: "/api/accounts/1/webhooks" },
];

describe.each(forms)("the management API, $form paths", ({ base }) => {
  it("keeps webhooks: create, list, get, update and delete see the same state", async () => {
    const sim = await simulator();
    const created = await call(sim, "POST", base, { body: { webhook: sendingWebhook } });
    expect(created.status).toBe(200);
    const data = (created.body as { data: Record<string, unknown> }).data;
    expect(data).toEqual({
      id: 1,
      ...sendingWebhook,
      active: true,
      payload_format: "json",
      domain_id: null,
      signing_secret: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const { signing_secret: secret, ...webhook } = data;

    const second = await call(sim, "POST", base, {
      body: { webhook: { url: "https://example.com/audit", webhook_type: "audit_log" } },
    });
    // Only the fields of its type: an audit-log webhook has no stream, domain or event types.
    expect((second.body as { data: unknown }).data).toEqual({
      id: 2,
      url: "https://example.com/audit",
      active: true,
      webhook_type: "audit_log",
      payload_format: "json",
      signing_secret: expect.stringMatching(/^[0-9a-f]{32}$/),
    });

    // The secret is returned by create only.
    const list = await call(sim, "GET", base);
    expect(list).toMatchObject({ status: 200, body: { data: [webhook, { id: 2 }] } });
    expect(JSON.stringify(list.body)).not.toContain("signing_secret");
    expect(await call(sim, "GET", `${base}/1`)).toMatchObject({ status: 200, body: { data: webhook } });

    const updated = await call(sim, "PATCH", `${base}/1`, {
      body: { webhook: { active: false, event_types: ["spam_complaint"] } },
    });
    expect(updated.body).toEqual({ data: { ...webhook, active: false, event_types: ["spam_complaint"] } });
    expect(sim.webhooks()[0]).toMatchObject({ active: false, signing_secret: secret, accountId: 1 });

    expect(await call(sim, "DELETE", `${base}/1`)).toMatchObject({ status: 200, body: updated.body });
    expect(await call(sim, "GET", `${base}/1`)).toMatchObject({ status: 404, body: { error: "Not Found" } });
    expect(await call(sim, "DELETE", `${base}/1`)).toMatchObject({ status: 404 });
    expect(await call(sim, "PATCH", `${base}/99`, { body: { webhook: {} } })).toMatchObject({ status: 404 });
    expect(await call(sim, "GET", `${base}/abc`)).toMatchObject({ status: 404 });
    expect(sim.webhooks().map((w) => w.id)).toEqual([2]);
  });

  it("answers 401 without a token, with an empty one, and with a token of no account", async () => {
    const sim = await simulator({ accounts: [{ id: 1, tokens: ["known"] }] });
    const unauthorized = { status: 401, body: { error: "Incorrect API token" } };
    expect(await call(sim, "GET", base, { token: null })).toMatchObject(unauthorized);
    expect(await call(sim, "GET", base, { token: "" })).toMatchObject(unauthorized);
    expect(await call(sim, "GET", base, { token: "unknown" })).toMatchObject(unauthorized);
    expect(await call(sim, "GET", base, { token: "known" })).toMatchObject({ status: 200 });
    // Mailtrap's own Node client sends the token as a bearer token.
    const bearer = await call(sim, "GET", base, { token: null, headers: { authorization: "Bearer known" } });
    expect(bearer.status).toBe(200);
  });

  it("answers 422 with field errors computed from the request", async () => {
    const sim = await simulator();
    const invalid = await call(sim, "POST", base, {
      body: { webhook: { url: "not a url", webhook_type: "email_sending", event_types: [] } },
    });
    expect(invalid).toMatchObject({
      status: 422,
      body: {
        errors: { url: ["is invalid"], sending_stream: ["can't be blank"], event_types: ["can't be blank"] },
      },
    });
    const missing = await call(sim, "POST", base, { body: { webhook: {} } });
    expect(missing.body).toEqual({ errors: { webhook_type: ["can't be blank"], url: ["can't be blank"] } });
    const wrongType = await call(sim, "POST", base, {
      body: { webhook: { url: "https://example.com", webhook_type: "audit_log", inbound_inbox_id: 3 } },
    });
    expect(wrongType.body).toEqual({
      errors: { inbound_inbox_id: ["is not allowed for audit_log webhooks"] },
    });
    const noEnvelope = await call(sim, "POST", base, { body: sendingWebhook });
    expect(noEnvelope.status).toBe(422);
    expect(Object.keys((noEnvelope.body as { errors: object }).errors)).toContain("webhook");
    expect(sim.webhooks()).toEqual([]);

    await call(sim, "POST", base, { body: { webhook: sendingWebhook } });
    const fixed = await call(sim, "PATCH", `${base}/1`, {
      body: { webhook: { sending_stream: "bulk", event_types: ["spam"], inbound_inbox_id: 4 } },
    });
    expect(fixed).toMatchObject({
      status: 422,
      body: {
        errors: {
          sending_stream: ["cannot be changed after creation"],
          // The payload spelling is not an event type: the API says spam_complaint.
          event_types: ["is not included in the list"],
          inbound_inbox_id: ["is not allowed for email_sending webhooks"],
        },
      },
    });
    expect(sim.webhooks()[0]).toMatchObject({
      sending_stream: "transactional",
      event_types: ["delivery", "bounce"],
    });
  });

  it("answers 429 past the rate limit, per token", async () => {
    const sim = await simulator({ rateLimit: { requests: 3, windowMs: 60_000 } });
    for (let n = 0; n < 3; n++) expect((await call(sim, "GET", base)).status).toBe(200);
    const limited = await call(sim, "GET", base);
    expect(limited).toMatchObject({ status: 429, body: { errors: "Rate limit exceeded" } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(sim, "GET", base, { token: "another-token" })).status).toBe(200);
  });
});

describe("accounts", () => {
  it("answers 403 for a token on another account's path, and keeps each account's webhooks apart", async () => {
    const sim = await simulator({
      accounts: [
        { id: 1, tokens: ["one"] },
        { id: 2, tokens: ["two"] },
      ],
    });
    await call(sim, "POST", "/api/webhooks", { token: "one", body: { webhook: sendingWebhook } });
    expect(await call(sim, "GET", "/api/accounts/2/webhooks", { token: "one" })).toMatchObject({
      status: 403,
      body: { errors: "Account access forbidden" },
    });
    expect(await call(sim, "GET", "/api/webhooks/1", { token: "two" })).toMatchObject({ status: 404 });
    expect(await call(sim, "GET", "/api/accounts/2/webhooks", { token: "two" })).toMatchObject({
      body: { data: [] },
    });
    expect(sim.webhooks(1)).toHaveLength(1);
    expect(sim.webhooks(2)).toHaveLength(0);
  });

  it("refuses accounts that cannot be", async () => {
    await expect(simulator({ accounts: [{ id: 0, tokens: ["t"] }] })).rejects.toThrow(/positive integer/);
    await expect(simulator({ accounts: [{ id: 1, tokens: [""] }] })).rejects.toThrow(/empty/);
    await expect(simulator({ timeScale: -1 })).rejects.toThrow(/timeScale/);
  });
});

describe("requests it cannot use get JSON errors, never a crash", () => {
  it.each([
    { what: "malformed JSON", body: "{oops", headers: {}, status: 400, message: /not valid JSON/ },
    { what: "an empty body", body: "", headers: {}, status: 400, message: /needs a JSON body/ },
    {
      what: "a wrong content type",
      body: "url=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      status: 415,
      message: /Content-Type: application\/json/,
    },
    {
      what: "an oversized body",
      body: "x".repeat(2_000),
      headers: {},
      status: 413,
      message: /larger than 1000/,
    },
  ])("$what: $status", async ({ body, headers, status, message }) => {
    const sim = await simulator({ maxBodyBytes: 1000 });
    const answer = await call(sim, "POST", "/api/webhooks", {
      body,
      headers: { "content-type": "application/json", ...headers },
    });
    expect(answer.status).toBe(status);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect((answer.body as { error: string }).error).toMatch(message);
    // Still serving.
    expect((await call(sim, "GET", "/api/webhooks")).status).toBe(200);
  });

  it("an unknown path is 404 and an unserved method 405, as JSON", async () => {
    const sim = await simulator();
    expect(await call(sim, "GET", "/api/nothing")).toMatchObject({
      status: 404,
      body: { error: "Not Found" },
    });
    expect(await call(sim, "GET", "/api/accounts/x/webhooks")).toMatchObject({ status: 404 });
    const put = await call(sim, "PUT", "/api/webhooks/1", { body: {} });
    expect(put).toMatchObject({ status: 405, body: { error: "Method Not Allowed" } });
    expect(put.headers.get("allow")).toBe("GET, PATCH, DELETE");
  });
});
