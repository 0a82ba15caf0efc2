/**
 * Fault tests against a real local HTTP server: what the server saw (attempt count) and
 * which error the caller got. Waits are kept short with Retry-After: 0, small timeouts
 * and maxRetries: 1 where real backoff (0.375–0.5 s) would otherwise run.
 */
import { describe, expect, it } from "vitest";
import {
  ConnectionError,
  createWebhooksClient,
  InternalServerError,
  InvalidResponseError,
  RateLimitError,
  TimeoutError,
  UnexpectedStatusError,
  UserAbortError,
  type WebhooksClient,
} from "../../src/index.js";
import { created, rejectionOf, TOKEN, webhook } from "../helpers/fixtures.js";
import { sendJson, serversClosedAfterEach, startServer, type TestServer } from "../helpers/server.js";

const serve = serversClosedAfterEach();

function clientFor(
  server: TestServer,
  options: { timeoutMs?: number; maxRetries?: number } = {},
): WebhooksClient {
  return createWebhooksClient({ apiToken: TOKEN, accountId: 1, baseUrl: server.url, ...options });
}

const auditLog = { url: "https://example.com/hooks", webhook_type: "audit_log" } as const;

describe("retries on the wire", () => {
  it("GET: 500 then 200 succeeds on the second attempt", async () => {
    const server = await serve((_req, res, i) =>
      i === 0
        ? sendJson(res, 500, { error: "boom" }, { "retry-after": "0" })
        : sendJson(res, 200, { data: webhook }),
    );
    await expect(clientFor(server).get(8127)).resolves.toEqual(webhook);
    expect(server.requests).toEqual([
      "GET /api/accounts/1/webhooks/8127",
      "GET /api/accounts/1/webhooks/8127",
    ]);
  });

  it("without Retry-After it waits the exponential backoff (0.375–0.5 s) before retrying", async () => {
    const server = await serve((_req, res, i) =>
      i === 0 ? sendJson(res, 503, { error: "busy" }) : sendJson(res, 200, { data: [webhook] }),
    );
    const started = performance.now();
    await expect(clientFor(server).list()).resolves.toEqual([webhook]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(370);
    expect(server.requests).toHaveLength(2);
  });

  it("GET gives up after maxRetries (default 2) with InternalServerError", async () => {
    const server = await serve((_req, res) => sendJson(res, 503, { error: "down" }, { "retry-after": "0" }));
    const error = await rejectionOf(clientFor(server).list());
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(503);
    expect(server.requests).toHaveLength(3);
  });

  it("PATCH and DELETE retry on 5xx too", async () => {
    const server = await serve((_req, res, i) =>
      i % 2 === 0 ? sendJson(res, 502, {}, { "retry-after": "0" }) : sendJson(res, 200, { data: webhook }),
    );
    const client = clientFor(server);
    await expect(client.update(8127, { active: true })).resolves.toEqual(webhook);
    await expect(client.delete(8127)).resolves.toEqual(webhook);
    expect(server.requests.map((r) => r.split(" ")[0])).toEqual(["PATCH", "PATCH", "DELETE", "DELETE"]);
  });

  it("429 with Retry-After is retried, for GET and for POST", async () => {
    const server = await serve((req, res, i) => {
      if (i % 2 === 0) return sendJson(res, 429, { errors: "Rate limit exceeded" }, { "retry-after": "0" });
      sendJson(res, 200, { data: req.method === "POST" ? created : [webhook] });
    });
    const client = clientFor(server);
    await expect(client.list()).resolves.toEqual([webhook]);
    await expect(client.create(auditLog)).resolves.toEqual(created);
    expect(server.requests.map((r) => r.split(" ")[0])).toEqual(["GET", "GET", "POST", "POST"]);
  });

  it("429 that persists ends in RateLimitError exposing retryAfter", async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 429, { errors: "Rate limit exceeded" }, { "retry-after": "0" }),
    );
    const error = await rejectionOf(clientFor(server, { maxRetries: 1 }).get(1));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(0);
    expect((error as RateLimitError).body).toEqual({ errors: "Rate limit exceeded" });
    expect(server.requests).toHaveLength(2);
  });

  it("429 asking for a wait beyond 60 s is not retried; retryAfter tells when to come back", async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 429, { errors: "Rate limit exceeded" }, { "retry-after": "120" }),
    );
    const error = await rejectionOf(clientFor(server).list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120);
    expect(server.requests).toHaveLength(1);
    // More retries would not help (a wait over 60 s is never retried): the advice says where the wait is.
    expect(error.message).toBe(
      "Mailtrap answered 429: Rate limit exceeded. Slow down; see error.retryAfter.",
    );
  });

  it("a reset connection is retried for GET and surfaces as ConnectionError", async () => {
    const server = await serve((req) => req.socket.destroy());
    const error = await rejectionOf(clientFor(server, { maxRetries: 1 }).list());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as ConnectionError).status).toBeUndefined();
    expect(error.message).toContain(`Could not reach ${server.url}`);
    expect(server.requests).toHaveLength(2);
  });

  it("a reset then a 200 succeeds", async () => {
    const server = await serve((req, res, i) =>
      i === 0 ? req.socket.destroy() : sendJson(res, 200, { data: [] }),
    );
    await expect(clientFor(server, { maxRetries: 1 }).list()).resolves.toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it("a stalled server times out each attempt and ends in TimeoutError", async () => {
    const server = await serve(() => {
      // never answer
    });
    const error = await rejectionOf(clientFor(server, { timeoutMs: 100, maxRetries: 1 }).get(1));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain("within 100 ms");
    expect(server.requests).toHaveLength(2);
  });

  it("a body that stalls after the headers also times out", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data":');
    });
    const error = await rejectionOf(clientFor(server, { timeoutMs: 100, maxRetries: 0 }).list());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("each attempt gets a fresh timeout", async () => {
    // Attempt 1 stalls; attempt 2 answers after 150 ms. With a 200 ms timeout shared across
    // attempts the second would be cut short; with a fresh one it succeeds.
    const server = await serve((_req, res, i) => {
      if (i === 1) setTimeout(() => sendJson(res, 200, { data: [] }), 150);
    });
    await expect(clientFor(server, { timeoutMs: 200, maxRetries: 1 }).list()).resolves.toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it("per-call options override the client's", async () => {
    const server = await serve((_req, res) => sendJson(res, 500, {}, { "retry-after": "0" }));
    const client = clientFor(server, { maxRetries: 2 });
    await expect(client.list({ maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("create (POST) is never sent twice unless the server said 429", () => {
  it("after a 500", async () => {
    const server = await serve((_req, res) => sendJson(res, 500, { error: "boom" }, { "retry-after": "0" }));
    await expect(clientFor(server).create(auditLog)).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toEqual(["POST /api/accounts/1/webhooks"]);
  });

  it("after a timeout", async () => {
    const server = await serve(() => {
      // never answer: the create may or may not have happened
    });
    await expect(clientFor(server, { timeoutMs: 100 }).create(auditLog)).rejects.toBeInstanceOf(TimeoutError);
    expect(server.requests).toEqual(["POST /api/accounts/1/webhooks"]);
  });

  it("after a reset connection", async () => {
    const server = await serve((req) => req.socket.destroy());
    await expect(clientFor(server).create(auditLog)).rejects.toBeInstanceOf(ConnectionError);
    expect(server.requests).toEqual(["POST /api/accounts/1/webhooks"]);
  });
});

describe("bodies that break the contract are not retried", () => {
  it("invalid JSON with a JSON content type", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"data": [');
    });
    const error = await rejectionOf(clientFor(server).list());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain("not valid JSON");
    expect(server.requests).toHaveLength(1);
  });

  it("an HTML page with status 200", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<!doctype html><title>Login</title>");
    });
    const error = await rejectionOf(clientFor(server).get(1));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain('content type "text/html; charset=utf-8"');
    expect((error as InvalidResponseError).body).toBe("<!doctype html><title>Login</title>");
    expect(server.requests).toHaveLength(1);
  });
});

describe("a 200 whose data is not what the operation returns", () => {
  const { id: _id, ...noId } = webhook;
  it.each([
    ["list", "null", { data: null }, "data is null, not an array"],
    ["list", "an object", { data: {} }, "data is object, not an array"],
    ["list", "a list of numbers", { data: [1, 2] }, "data[0] is integer, not an object"],
    ["list", "a list holding an empty object", { data: [{}] }, "data[0].id is missing"],
    ["list", "a webhook without id second", { data: [webhook, noId] }, "data[1].id is missing"],
    ["get", "a string", { data: "x" }, "data is string, not an object"],
    ["get", "a list", { data: [webhook] }, "data is array, not an object"],
    ["get", "an id that is a string", { data: { ...webhook, id: "8127" } }, "data.id is string, not integer"],
    ["get", "a fractional id", { data: { ...webhook, id: 1.5 } }, "data.id is number, not integer"],
    [
      "get",
      "active as a string",
      { data: { ...webhook, active: "yes" } },
      "data.active is string, not boolean",
    ],
    ["get", "a null url", { data: { ...webhook, url: null } }, "data.url is null, not string"],
    ["create", "a webhook without signing_secret", { data: webhook }, "data.signing_secret is missing"],
  ])(
    "%s answering %s is an InvalidResponseError naming the field, not retried",
    async (method, _label, body, problem) => {
      const server = await serve((_req, res) => sendJson(res, 200, body));
      const client = clientFor(server);
      const call =
        method === "list" ? client.list() : method === "get" ? client.get(1) : client.create(auditLog);
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error.message).toContain(`"data" that breaks the spec: ${problem}.`);
      expect(server.requests).toHaveLength(1);
    },
  );

  it("fields the spec does not require may be absent, and unknown enum values pass", async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, {
        data: [{ id: 1, url: "u", active: true, webhook_type: "sms", payload_format: "json" }],
      }),
    );
    await expect(clientFor(server).list()).resolves.toHaveLength(1);
  });
});

describe("a custom fetch that ignores its signal", () => {
  // Never settles unless the client stops waiting for it; the server sees nothing.
  const deaf = () => new Promise<Response>(() => {});

  it("is cut off at the timeout", async () => {
    const client = createWebhooksClient({
      apiToken: TOKEN,
      accountId: 1,
      fetch: deaf,
      timeoutMs: 50,
      maxRetries: 0,
    });
    const started = Date.now();
    const error = await rejectionOf(client.list());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("is cut off by the caller's abort", async () => {
    const client = createWebhooksClient({ apiToken: TOKEN, accountId: 1, fetch: deaf, maxRetries: 0 });
    const controller = new AbortController();
    const pending = rejectionOf(client.list({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toBeInstanceOf(UserAbortError);
  });
});

describe("cancellation", () => {
  it("an already aborted signal sends nothing", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: [] }));
    const error = await rejectionOf(clientFor(server).list({ signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(UserAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("aborting an in-flight request stops at once, without retrying", async () => {
    const controller = new AbortController();
    // Aborted once the request has arrived (never answered), so a slow machine cannot abort it
    // before it is sent.
    const server = await serve(() => controller.abort());
    const error = await rejectionOf(clientFor(server).list({ signal: controller.signal }));
    expect(error).toBeInstanceOf(UserAbortError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it("aborting during a backoff wait ends the wait at once", async () => {
    const server = await serve((_req, res) => sendJson(res, 503, {}, { "retry-after": "30" }));
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    const error = await rejectionOf(clientFor(server).get(1, { signal: controller.signal }));
    expect(error).toBeInstanceOf(UserAbortError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  // One signal for a batch of calls is common; Node warns when a signal has over ten listeners.
  it("one signal shared by 20 concurrent calls, in flight and in backoff, raises no listener warning", async () => {
    const server = await serve((_req, res, i) =>
      i < 20 ? sendJson(res, 503, {}, { "retry-after": "0" }) : sendJson(res, 200, { data: [] }),
    );
    const warnings: Error[] = [];
    const warned = (warning: Error) => warnings.push(warning);
    process.on("warning", warned);
    try {
      const controller = new AbortController();
      const client = createWebhooksClient({ apiToken: TOKEN, baseUrl: server.url, rateLimit: false });
      const calls = Array.from({ length: 20 }, () => client.list({ signal: controller.signal }));
      await expect(Promise.all(calls)).resolves.toHaveLength(20);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", warned);
    }
    expect(server.requests).toHaveLength(40);
    expect(warnings.map((warning) => warning.name)).not.toContain("MaxListenersExceededWarning");
  });
});

describe("connection-level safety", () => {
  it("does not follow a redirect (it would carry the Api-Token header to another host)", async () => {
    const elsewhere = await serve((_req, res) => sendJson(res, 200, { data: [] }));
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/api/accounts/1/webhooks` });
      res.end();
    });
    const error = await rejectionOf(clientFor(server, { maxRetries: 0 }).list());
    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect((error as UnexpectedStatusError).status).toBe(302);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("a refused connection is a ConnectionError naming the cause", async () => {
    const server = await startServer(() => {});
    await server.close();
    const error = await rejectionOf(clientFor(server, { maxRetries: 0 }).list());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.message).not.toContain(TOKEN);
  });
});
