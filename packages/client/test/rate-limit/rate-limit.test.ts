/**
 * The per-token rate limit, against a real local server that answers 429 as Mailtrap would
 * when a token goes over. Waits are observed through the `info` log line and aborted, so no
 * test waits out a long window; only the burst test lets the limiter pace real requests.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  type ClientOptions,
  createWebhooksClient,
  DEFAULT_RATE_LIMIT,
  InvalidArgumentError,
  type RateLimit,
  UserAbortError,
} from "../../src/index.js";
import { fakeFetch, json, rejectionOf, webhook } from "../helpers/fixtures.js";
import { sendJson, startServer, type TestServer } from "../helpers/server.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

// Each test uses its own tokens: the limiter's log is shared by every client of a token in
// the process, which is the point, so tests must not share tokens with each other.
let tokens = 0;
const freshToken = () => `tok_rate_${++tokens}_9f3c1a7e`;

/** A server that records when each request arrived and answers 429 past `limit`, like Mailtrap. */
async function limitedServer(limit: RateLimit) {
  const arrivals: number[] = [];
  const server = await startServer((_req, res) => {
    const now = performance.now();
    arrivals.push(now);
    const inWindow = arrivals.filter((t) => t > now - limit.perMs).length;
    if (inWindow > limit.requests) sendJson(res, 429, { errors: "Too many requests" });
    else sendJson(res, 200, { data: [webhook] });
  });
  servers.push(server);
  return { server, arrivals };
}

/** A logger that keeps its lines and calls `onWait` when the client says it is waiting. */
function recordingLogger(onWait: () => void = () => {}) {
  const lines: string[] = [];
  const add = (line: string) => {
    lines.push(line);
    if (line.includes("for the rate limit")) onWait();
  };
  return { lines, logger: { error: add, warn: add, info: add, debug: add } };
}

const waits = (lines: string[]) => lines.filter((line) => line.includes("for the rate limit"));

describe("rate limit", () => {
  it("paces a burst so that no window of perMs on the server ever holds more than `requests`", async () => {
    const limit = { requests: 5, perMs: 600 };
    // The server allows a little jitter in arrival times; the client must pace exactly.
    const { server, arrivals } = await limitedServer({ requests: 5, perMs: 500 });
    const { lines, logger } = recordingLogger();
    const client = createWebhooksClient({
      apiToken: freshToken(),
      baseUrl: server.url,
      rateLimit: limit,
      maxRetries: 0,
      logLevel: "info",
      logger,
    });
    const results = await Promise.all(Array.from({ length: 12 }, () => client.list()));
    expect(results).toHaveLength(12);
    expect(arrivals).toHaveLength(12);
    for (let i = 0; i + limit.requests < arrivals.length; i++) {
      const next = arrivals[i + limit.requests] as number;
      expect(next - (arrivals[i] as number)).toBeGreaterThan(500);
    }
    // 12 calls at 5 per window: the last 7 wait, and say so with method, path and limit.
    expect(waits(lines)).toHaveLength(7);
    expect(waits(lines)[0]).toMatch(
      /^\[mailtrap-webhooks\] GET \/api\/webhooks: waiting \d+ ms for the rate limit \(5 requests per 600 ms\)$/,
    );
  });

  it("is shared by the clients of one token, and not by clients of other tokens", async () => {
    const { server } = await limitedServer({ requests: 100, perMs: 60_000 });
    const shared = freshToken();
    const options = (apiToken: string, extra: Partial<ClientOptions> = {}) =>
      createWebhooksClient({
        apiToken,
        baseUrl: server.url,
        rateLimit: { requests: 3, perMs: 60_000 },
        ...extra,
      });
    const first = options(shared);
    await Promise.all([first.list(), first.list(), first.list()]);

    // A second client of the same token finds the window full and waits; abort it there.
    const controller = new AbortController();
    const { lines, logger } = recordingLogger(() => controller.abort());
    const second = options(shared, { logLevel: "info", logger });
    const error = await rejectionOf(second.get(8127, { signal: controller.signal }));
    expect(error).toBeInstanceOf(UserAbortError);
    expect(waits(lines)).toEqual([
      expect.stringMatching(
        /GET \/api\/webhooks\/8127: waiting \d+ ms for the rate limit \(3 requests per 60 s\)$/,
      ),
    ]);
    expect(lines.join("\n")).not.toContain(shared);

    // A client of another token has its own window and sends at once.
    const other = recordingLogger();
    const third = options(freshToken(), { logLevel: "info", logger: other.logger });
    await expect(third.list()).resolves.toEqual([webhook]);
    expect(waits(other.lines)).toEqual([]);
    expect(server.requests).toHaveLength(4);
  });

  it("holds no slot for a call aborted while waiting", async () => {
    const fake = fakeFetch(() => json({ data: [] }));
    let controller = new AbortController();
    const { lines, logger } = recordingLogger(() => controller.abort());
    const client = createWebhooksClient({
      apiToken: freshToken(),
      fetch: fake.fetch,
      rateLimit: { requests: 1, perMs: 60_000 },
      logLevel: "info",
      logger,
    });
    await client.list();
    for (let i = 0; i < 3; i++) {
      controller = new AbortController();
      await expect(client.list({ signal: controller.signal })).rejects.toBeInstanceOf(UserAbortError);
    }
    // Had the aborted calls kept slots, each would wait a window longer than the one before.
    const waited = waits(lines).map((line) => Number(/waiting (\d+) ms/.exec(line)?.[1]));
    expect(waited).toHaveLength(3);
    for (const ms of waited) expect(ms).toBeLessThanOrEqual(60_000);
    expect(fake.seen).toHaveLength(1);
  });

  it("rejects at once, without a request, when the signal is already aborted", async () => {
    const fake = fakeFetch(() => json({ data: [] }));
    const client = createWebhooksClient({ apiToken: freshToken(), fetch: fake.fetch });
    const error = await rejectionOf(client.list({ signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(UserAbortError);
    expect(fake.seen).toHaveLength(0);
  });

  it("is on by default at Mailtrap's 150 requests per 10 s", async () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ requests: 150, perMs: 10_000 });
    const fake = fakeFetch(() => json({ data: [] }));
    const controller = new AbortController();
    const { lines, logger } = recordingLogger(() => controller.abort());
    const client = createWebhooksClient({
      apiToken: freshToken(),
      fetch: fake.fetch,
      logLevel: "info",
      logger,
    });
    for (let i = 0; i < 150; i++) await client.list();
    expect(waits(lines)).toEqual([]);
    await expect(client.list({ signal: controller.signal })).rejects.toBeInstanceOf(UserAbortError);
    expect(waits(lines)).toEqual([expect.stringContaining("(150 requests per 10 s)")]);
    expect(fake.seen).toHaveLength(150);
  });

  it("rateLimit: false sends at once, even when the token's window is full", async () => {
    const apiToken = freshToken();
    const { server } = await limitedServer({ requests: 100, perMs: 60_000 });
    const limited = createWebhooksClient({
      apiToken,
      baseUrl: server.url,
      rateLimit: { requests: 1, perMs: 60_000 },
    });
    await limited.list();
    const { lines, logger } = recordingLogger();
    const unlimited = createWebhooksClient({
      apiToken,
      baseUrl: server.url,
      rateLimit: false,
      logLevel: "debug",
      logger,
    });
    await Promise.all(Array.from({ length: 5 }, () => unlimited.list()));
    expect(server.requests).toHaveLength(6);
    expect(waits(lines)).toEqual([]);
  });

  it("does not count the wait against the attempt's timeout", async () => {
    const { server } = await limitedServer({ requests: 100, perMs: 60_000 });
    const client = createWebhooksClient({
      apiToken: freshToken(),
      baseUrl: server.url,
      rateLimit: { requests: 1, perMs: 400 },
      timeoutMs: 250,
      maxRetries: 0,
    });
    // The second call waits about 400 ms for its slot, longer than its 250 ms timeout.
    await expect(Promise.all([client.list(), client.list()])).resolves.toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    ["rateLimit", true],
    ["rateLimit", null],
    ["rateLimit", 150],
    ["rateLimit", [150, 10_000]],
    ["rateLimit.requests", {}],
    ["rateLimit.requests", { requests: 0, perMs: 1000 }],
    ["rateLimit.requests", { requests: 1.5, perMs: 1000 }],
    ["rateLimit.requests", { requests: "150", perMs: 1000 }],
    ["rateLimit.requests", { requests: 1_000_000, perMs: 1000 }],
    ["rateLimit.perMs", { requests: 150 }],
    ["rateLimit.perMs", { requests: 150, perMs: 0 }],
    ["rateLimit.perMs", { requests: 150, perMs: "10s" }],
    ["rateLimit.perMs", { requests: 150, perMs: Number.POSITIVE_INFINITY }],
  ])("refuses %s in %j with InvalidArgumentError", (field, rateLimit) => {
    let thrown: unknown;
    try {
      createWebhooksClient({ apiToken: freshToken(), rateLimit: rateLimit as RateLimit });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect((thrown as InvalidArgumentError).field).toBe(field);
    expect((thrown as Error).message).toMatch(/^rateLimit(\.requests|\.perMs)? must be/);
  });
});
