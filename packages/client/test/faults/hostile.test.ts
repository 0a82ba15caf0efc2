/**
 * A server that misbehaves on purpose: huge bodies, echoed tokens, "retry now" forever, and
 * connections that fail in the ways the runtime reports only deep in `error.cause`.
 */
import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  type ClientOptions,
  ConnectionError,
  createWebhooksClient,
  InternalServerError,
  InvalidArgumentError,
  InvalidResponseError,
  type Logger,
  NotFoundError,
  ResponseTooLargeError,
  ValidationError,
  WebhooksApiError,
} from "../../src/index.js";
import { created, rejectionOf, SECRET, TOKEN, webhook } from "../helpers/fixtures.js";
import { sendJson, serversClosedAfterEach, startServer, type TestServer } from "../helpers/server.js";

const serve = serversClosedAfterEach();

const clientFor = (server: TestServer, options: Partial<ClientOptions> = {}) =>
  createWebhooksClient({ apiToken: TOKEN, accountId: 1, baseUrl: server.url, ...options });

const HEX_RUN = "a1".repeat(2_800_000); // 5.6 million hex characters, no separator
const roomy = { maxResponseBytes: 16 * 1024 * 1024 };

describe("a body with a hex run of millions of characters", () => {
  it("a 503 with it is an InternalServerError, scrubbed, and still retried", async () => {
    const server = await serve((_req, res, i) => {
      if (i > 0) return sendJson(res, 200, { data: webhook });
      res.writeHead(503, { "content-type": "text/plain" });
      res.end(HEX_RUN);
    });
    await expect(clientFor(server, { ...roomy, maxRetries: 1 }).get(8127)).resolves.toEqual(webhook);
    expect(server.requests).toHaveLength(2);

    const once = await serve((_req, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: HEX_RUN }));
    });
    const error = await rejectionOf(clientFor(once, { ...roomy, maxRetries: 0 }).get(8127));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).body).toEqual({ error: "[redacted]" });
  });

  it("a 200 that is not JSON is an InvalidResponseError", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<p>${HEX_RUN}</p>`);
    });
    const error = await rejectionOf(clientFor(server, roomy).list());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).body).toBe("<p>[redacted]</p>");
  });
});

describe("params JSON cannot carry fail before any request", () => {
  it.each([
    ["a BigInt", { url: 1n }, "params.url", /BigInt/],
    [
      "a cycle",
      (() => {
        const events: Record<string, unknown> = { active: true };
        events.self = events;
        return events;
      })(),
      "params.self",
      /cycle/,
    ],
  ])("update with %s names the field", async (_label, params, field, what) => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: webhook }));
    const started = performance.now();
    const error = await rejectionOf(clientFor(server, { maxRetries: 4 }).update(1, params as never));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
    expect(error.message).toMatch(what);
    expect(error.message).toContain(field);
    expect(server.requests).toHaveLength(0);
    // No retry waits were spent on it (the first retry alone waits 375 ms).
    expect(performance.now() - started).toBeLessThan(300);
  });

  it("create with a BigInt deep inside names its path", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: created }));
    const params = { url: "https://example.com", webhook_type: "campaigns", event_types: ["open", 2n] };
    const error = await rejectionOf(clientFor(server).create(params as never));
    expect((error as InvalidArgumentError).field).toBe("params.event_types[1]");
    expect(server.requests).toHaveLength(0);
  });
});

describe("the token never reaches an error", () => {
  it("an x-request-id echoing the token is scrubbed from message, requestId and headers", async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 404, { error: "Not Found" }, { "x-request-id": `req-${TOKEN}-7` }),
    );
    const error = (await rejectionOf(clientFor(server).get(1))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.requestId).toBe("req-[redacted]-7");
    expect(error.message).toContain("(request id req-[redacted]-7)");
    expect(error.headers?.get("x-request-id")).toBe("req-[redacted]-7");
    expect(error.message).not.toContain(TOKEN);
  });

  it("a 32-hex request id (nginx's $request_id) stays readable; secret-shaped values elsewhere do not", async () => {
    const requestId = "9f86d081884c7d659a2feaa0c55ad015";
    const server = await serve((_req, res) =>
      sendJson(res, 404, { error: "Not Found" }, { "x-request-id": requestId, "x-echo": SECRET }),
    );
    const error = (await rejectionOf(clientFor(server).get(1))) as NotFoundError;
    expect(error.requestId).toBe(requestId);
    expect(error.message).toContain(`(request id ${requestId})`);
    expect(error.headers?.get("x-request-id")).toBe(requestId);
    expect(error.headers?.get("x-echo")).toBe("[redacted]");
  });

  it("a request id equal to a 32-hex token is still redacted", async () => {
    const hexToken = "0123456789abcdef0123456789abcdef";
    const server = await serve((_req, res) =>
      sendJson(res, 404, { error: "Not Found" }, { "x-request-id": hexToken, "request-id": hexToken }),
    );
    const error = (await rejectionOf(clientFor(server, { apiToken: hexToken }).get(1))) as NotFoundError;
    expect(error.requestId).toBe("[redacted]");
    expect(error.headers?.get("request-id")).toBe("[redacted]");
    expect(inspect(error, { depth: 5 })).not.toContain(hexToken);
  });

  it("a 422 whose field names and messages carry the token keeps it in neither body nor fields", async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 422, { errors: { [`url ${TOKEN}`]: [`is not ${TOKEN}`], base: [SECRET] } }),
    );
    const error = (await rejectionOf(clientFor(server).update(1, { active: false }))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual({ "url [redacted]": ["is not [redacted]"], base: ["[redacted]"] });
    for (const text of [error.message, JSON.stringify(error.body), JSON.stringify(error.fields)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(SECRET);
    }
  });
});

/** Streams `total` bytes in 64 KiB chunks, honouring backpressure; records how it ended. */
function stream(
  res: ServerResponse,
  total: number,
  status: number,
  state: { sent: number; closed: boolean },
) {
  const chunk = Buffer.alloc(64 * 1024, "x");
  res.writeHead(status, { "content-type": "application/json" });
  res.on("close", () => {
    state.closed = true;
  });
  const pump = () => {
    while (!state.closed && state.sent < total) {
      state.sent += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    if (!state.closed) res.end();
  };
  pump();
}

describe("maxResponseBytes", () => {
  it("a 503 body of 1 GiB is cut off past the limit, not retried, and the rest is never sent", async () => {
    const state = { sent: 0, closed: false };
    const server = await serve((_req, res) => stream(res, 1024 ** 3, 503, state));
    const error = await rejectionOf(clientFor(server, { maxResponseBytes: 1024 * 1024 }).list());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as ResponseTooLargeError).status).toBe(503);
    expect(error.message).toContain("maxResponseBytes (1048576 bytes)");
    expect(server.requests).toHaveLength(1);
    await expect.poll(() => state.closed).toBe(true);
    expect(state.sent).toBeLessThan(256 * 1024 * 1024);
  });

  it("a 200 over the default limit (4 MiB) fails the same way", async () => {
    const state = { sent: 0, closed: false };
    const server = await serve((_req, res) => stream(res, 64 * 1024 * 1024, 200, state));
    const error = await rejectionOf(clientFor(server).list());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toContain("(4194304 bytes)");
  });

  it("a declared Content-Length over the limit fails before the body is read", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(200 * 1024 ** 2) });
      res.write("{");
    });
    const error = await rejectionOf(clientFor(server, { maxResponseBytes: 1000, timeoutMs: 5_000 }).list());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it("a body within the limit passes", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: [webhook] }));
    await expect(clientFor(server, { maxResponseBytes: 1000 }).list()).resolves.toEqual([webhook]);
  });
});

describe("retry bounds", () => {
  it("Retry-After: 0 does not make a burst: the first retry still waits the backoff", async () => {
    const at: number[] = [];
    const server = await serve((_req, res) => {
      at.push(performance.now());
      sendJson(res, 503, { error: "busy" }, { "retry-after": "0" });
    });
    const error = await rejectionOf(clientFor(server, { maxRetries: 1 }).list());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(at).toHaveLength(2);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(350);
  });

  it.each([11, 1e9, Number.POSITIVE_INFINITY])("maxRetries %s is refused", (maxRetries) => {
    expect(() => createWebhooksClient({ apiToken: TOKEN, maxRetries })).toThrow(InvalidArgumentError);
  });
});

describe("connection errors name the cause and the target", () => {
  it("a reset connection", async () => {
    const server = await serve((req) => req.socket.destroy());
    const error = await rejectionOf(clientFor(server, { maxRetries: 0 }).get(8127));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain(`Could not reach ${server.url} (GET /api/accounts/1/webhooks/8127)`);
    expect(error.message).toMatch(/(ECONNRESET|UND_ERR_SOCKET), the connection was reset or closed/);
  });

  it("a refused connection", async () => {
    const server = await startServer(() => {});
    await server.close();
    const error = await rejectionOf(clientFor(server, { maxRetries: 0 }).list());
    expect(error.message).toContain("ECONNREFUSED, the server refused the connection");
    expect(error.message).toContain(server.url);
  });

  it("a plain-HTTP server on an https:// baseUrl is a protocol mismatch, not a certificate", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: [] }));
    const baseUrl = server.url.replace("http:", "https:");
    const error = await rejectionOf(clientFor(server, { baseUrl, maxRetries: 0 }).list());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain(
      "ERR_SSL_WRONG_VERSION_NUMBER, TLS failed; check the certificate, and http vs https.",
    );
    expect(error.message).not.toContain("certificate was not accepted");
  });

  it('a port fetch refuses to use (no system code) names the innermost cause, not just "fetch failed"', async () => {
    const client = createWebhooksClient({ apiToken: TOKEN, baseUrl: "http://127.0.0.1:1", maxRetries: 0 });
    const error = await rejectionOf(client.list());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(
      "Could not reach http://127.0.0.1:1 (GET /api/webhooks): bad port. Check the network and baseUrl.",
    );
  });

  it("an unknown host", async () => {
    const client = createWebhooksClient({
      apiToken: TOKEN,
      baseUrl: "http://no-such-host.invalid",
      maxRetries: 0,
    });
    const error = await rejectionOf(client.list());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/(ENOTFOUND|EAI_AGAIN), the host name could not be resolved/);
    expect(error.message).toContain("http://no-such-host.invalid (GET /api/webhooks)");
    expect(error.message).not.toContain(TOKEN);
  });
});

describe("logLevel and logger", () => {
  function recorder() {
    const lines: [string, string][] = [];
    const logger: Logger = {
      error: (line) => lines.push(["error", line]),
      warn: (line) => lines.push(["warn", line]),
      info: (line) => lines.push(["info", line]),
      debug: (line) => lines.push(["debug", line]),
    };
    return { lines, logger };
  }

  it("debug: one line per attempt with method, path, status, attempt and the wait", async () => {
    const server = await serve((req, res, i) => {
      const echo = { "x-request-id": TOKEN };
      if (i === 0) return sendJson(res, 503, { error: `busy ${TOKEN}` }, echo);
      sendJson(res, 200, { data: req.method === "POST" ? created : webhook }, echo);
    });
    const { lines, logger } = recorder();
    const client = clientFor(server, { logLevel: "debug", logger });
    await client.get(8127);
    await client.create({ url: "https://example.com", webhook_type: "audit_log" });
    expect(lines).toHaveLength(3);
    expect(lines[0]?.[0]).toBe("info");
    expect(lines[0]?.[1]).toMatch(
      /^\[mailtrap-webhooks\] GET \/api\/accounts\/1\/webhooks\/8127 \(attempt 1 of 3\) → 503; retrying in \d+ ms$/,
    );
    expect(lines[1]).toEqual([
      "debug",
      "[mailtrap-webhooks] GET /api/accounts/1/webhooks/8127 (attempt 2 of 3) → 200",
    ]);
    expect(lines[2]).toEqual([
      "debug",
      "[mailtrap-webhooks] POST /api/accounts/1/webhooks (attempt 1 of 3) → 200",
    ]);
    for (const [, line] of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(SECRET);
    }
  });

  it("info shows failures and waits but not successes; a call that is not retried says so", async () => {
    const server = await serve((_req, res) => sendJson(res, 404, { error: "Not Found" }));
    const { lines, logger } = recorder();
    await rejectionOf(clientFor(server, { logLevel: "info", logger }).get(1));
    expect(lines).toEqual([
      ["info", "[mailtrap-webhooks] GET /api/accounts/1/webhooks/1 (attempt 1 of 3) → 404; not retried"],
    ]);
  });

  it("connection failures name the error class in place of a status", async () => {
    const server = await serve((req) => req.socket.destroy());
    const { lines, logger } = recorder();
    await rejectionOf(clientFor(server, { logLevel: "info", logger, maxRetries: 0 }).list());
    expect(lines[0]?.[1]).toContain("(attempt 1 of 1) → ConnectionError; not retried");
  });

  it("the default level (warn) logs nothing for attempts, failed or not", async () => {
    const server = await serve((_req, res, i) =>
      i === 0 ? sendJson(res, 503, {}) : sendJson(res, 200, { data: [] }),
    );
    const { lines, logger } = recorder();
    await clientFor(server, { logger }).list();
    expect(lines).toEqual([]);
  });

  it("a throwing logger does not fail the call", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { data: [] }));
    const boom = () => {
      throw new Error("logger down");
    };
    const logger = { error: boom, warn: boom, info: boom, debug: boom };
    await expect(clientFor(server, { logLevel: "debug", logger }).list()).resolves.toEqual([]);
  });

  it.each([
    ["logLevel", { logLevel: "verbose" }, /logLevel must be one of "off", "error", "warn", "info", "debug"/],
    ["logger", { logger: { info: () => {} } }, /error, warn, info and debug methods/],
    ["logger", { logger: "console" }, /logger must be an object/],
  ])("a bad %s is an InvalidArgumentError", (field, options, message) => {
    const error = (() => {
      try {
        createWebhooksClient({ apiToken: TOKEN, ...(options as object) });
      } catch (thrown) {
        return thrown as InvalidArgumentError;
      }
      throw new Error("expected a throw");
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});

it("every error here is a WebhooksApiError or an InvalidArgumentError", () => {
  expect(new ResponseTooLargeError("x")).toBeInstanceOf(WebhooksApiError);
});
