import { once } from "node:events";
import {
  Agent,
  createServer,
  request as httpRequest,
  type OutgoingHttpHeaders,
  type RequestListener,
  type Server,
} from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WebhookReceiverError } from "../../src/errors.js";
import { createWebhookHandler } from "../../src/handler.js";
import { type NodeListener, type NodeRequest, toNodeListener } from "../../src/node.js";
import type { ParsedEvent } from "../../src/parse.js";
import { createTestDelivery, signPayload } from "../../src/testing.js";
import { knownAnswer, otherSecret } from "../fixtures.js";
import { example } from "../spec.js";

const { secret } = knownAnswer;
const events = [example("DeliveryEvent"), example("SoftBounceEvent")];
let server: Server | undefined;

afterEach(async () => {
  server?.close();
  server?.closeAllConnections();
  if (server) await once(server, "close");
  server = undefined;
});

async function listen(listener: RequestListener): Promise<string> {
  server = createServer(listener);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/mailtrap`;
}

function receiver(maxBodyBytes?: number) {
  const received: ParsedEvent[][] = [];
  const reported: unknown[] = [];
  const handler = createWebhookHandler({
    secret,
    maxBodyBytes,
    onEvents: (batch) => {
      received.push(batch);
    },
    onError: (error) => {
      reported.push(error);
    },
  });
  return { listener: toNodeListener(handler), received, reported };
}

interface Answer {
  status: number;
  body: string;
}

// One request through `agent`, failing after 3 s instead of hanging until the test timeout.
// `path` is sent as is in the request line (a URL would read `//host/x` as another host).
function post(
  url: URL,
  agent: Agent,
  method: string,
  headers: OutgoingHttpHeaders,
  body: Uint8Array | string,
  path = `${url.pathname}${url.search}`,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, headers, agent });
    const timer = setTimeout(() => req.destroy(new Error(`${method} ${url} got no answer in time`)), 3000);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
      });
    });
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });
}

// What express.raw() does: read the whole body into a Buffer on req.body, then call next.
function rawBodyFirst(listener: ReturnType<typeof toNodeListener>): RequestListener {
  return async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    Object.assign(req, { body: Buffer.concat(chunks) });
    listener(req as NodeRequest, res);
  };
}

describe("toNodeListener on a real node:http server", () => {
  it.each(["json", "jsonlines"] as const)(
    "answers 200 for a signed %s delivery streamed from the socket",
    async (format) => {
      const { listener, received } = receiver();
      const url = await listen(listener);
      const response = await fetch(await createTestDelivery(events, { secret, format, url }));
      expect(response.status).toBe(200);
      expect(received.map((batch) => batch.map((item) => item.event))).toEqual([events]);
    },
  );

  it("answers 401 for a delivery signed with another secret", async () => {
    const { listener, received } = receiver();
    const url = await listen(listener);
    const response = await fetch(await createTestDelivery(events, { secret: otherSecret, url }));
    expect(response.status).toBe(401);
    expect(received).toHaveLength(0);
  });

  it("works when express.raw() already read the body into a Buffer", async () => {
    const { listener, received } = receiver();
    const url = await listen(rawBodyFirst(listener));
    const response = await fetch(await createTestDelivery(events, { secret, format: "jsonlines", url }));
    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  // A parser got there first: the bytes the signature covers are gone. Answered 500 so Mailtrap
  // retries once the route is fixed, and onError is told what to change; next() is not needed.
  async function parsedFirst(listen: (listener: NodeListener) => Promise<string>) {
    const { listener, received, reported } = receiver();
    const next = vi.fn();
    const url = await listen((req, res) => listener(req, res, next));
    const response = await fetch(await createTestDelivery(events, { secret, url }));
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/read before it could be verified/);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(WebhookReceiverError);
    expect(String(reported[0])).toContain("express.raw");
    expect(next).not.toHaveBeenCalled();
    expect(received).toHaveLength(0);
  }

  // The body was parsed and the stream drained: caught by the readableEnded check.
  it("answers 500 and tells onError when a parser drained the body first", async () => {
    await parsedFirst((listener) =>
      listen((req, res) => {
        req.resume();
        req.on("end", () => {
          Object.assign(req, { body: { events } });
          listener(req as NodeRequest, res);
        });
      }),
    );
  });

  // A parser put an object on req.body but the stream is still unread, so only the req.body
  // check stands between it and a delivery that would pass on the untouched stream.
  it("answers 500 and tells onError when a parser set req.body, even with the stream unread", async () => {
    let unread = false;
    await parsedFirst((listener) =>
      listen((req, res) => {
        unread = !req.readableEnded;
        Object.assign(req, { body: { events } });
        listener(req as NodeRequest, res);
      }),
    );
    expect(unread).toBe(true);
  });

  // The header checks come first: an unsigned request is a 400 whatever a parser did.
  it("answers an unsigned request 400 even when a parser read its body", async () => {
    const { listener, reported } = receiver();
    const url = await listen((req, res) => {
      req.resume();
      req.on("end", () => {
        Object.assign(req, { body: { events } });
        listener(req as NodeRequest, res);
      });
    });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ events }),
    });
    expect(response.status).toBe(400);
    expect(reported).toHaveLength(0);
  });

  it.each([
    ["a malformed Host header", "bad host!", "/hooks/mailtrap", "http://localhost/hooks/mailtrap"],
    [
      "a path that looks like another host",
      "127.0.0.1",
      "//evil.example/x?a=1",
      "http://127.0.0.1//evil.example/x?a=1",
    ],
    ["a Host with a port", "example.test:8080", "/hooks", "http://example.test:8080/hooks"],
  ])("builds request.url safely from %s", async (_label, host, path, expected) => {
    const url = new URL(await listen(toNodeListener(async (request) => new Response(request.url))));
    const agent = new Agent();
    try {
      const answer = await post(url, agent, "POST", { host }, "{}", path);
      expect(answer).toEqual({ status: 200, body: expected });
    } finally {
      agent.destroy();
    }
  });

  it("answers 413 to a chunked body over the limit and the answer reaches the sender", async () => {
    const { listener, received } = receiver(64 * 1024);
    const url = new URL(await listen(listener));
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, {
        method: "POST",
        headers: { "content-type": "application/json", "mailtrap-signature": "0".repeat(64) },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      let written = 0;
      const pump = () => {
        while (written < 64 && req.write(chunk)) written++;
        if (written < 64) req.once("drain", pump);
        else req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(received).toHaveLength(0);
  });

  // An answer sent before the body is read must still let the same connection carry the
  // next delivery: Node only reuses the socket once the unread body has been drained.
  it.each([
    ["400 without a signature", "POST", { "content-type": "application/json" }, 400],
    ["405 for PUT", "PUT", { "content-type": "application/json", "mailtrap-signature": "0".repeat(64) }, 405],
    [
      "415 for text/plain",
      "POST",
      { "content-type": "text/plain", "mailtrap-signature": "0".repeat(64) },
      415,
    ],
  ] as const)(
    "after an early %s, a keep-alive socket still serves the next delivery",
    async (_label, method, headers, status) => {
      const { listener, received } = receiver(512 * 1024);
      const url = new URL(await listen(listener));
      let connections = 0;
      server?.on("connection", () => connections++);
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const big = new Uint8Array(1024 * 1024).fill(0x20);
        expect((await post(url, agent, method, headers, big)).status).toBe(status);
        const body = JSON.stringify({ events });
        const signed = {
          "content-type": "application/json",
          "mailtrap-signature": await signPayload(body, secret),
        };
        expect(await post(url, agent, "POST", signed, body)).toEqual({ status: 200, body: "OK" });
        expect(received).toHaveLength(1);
        expect(connections).toBe(1);
      } finally {
        agent.destroy();
      }
    },
  );

  // Handlers other than ours may neither read nor cancel the body; the adapter drains it.
  it.each([
    ["ignores the body", async () => {}],
    [
      "reads one chunk, then stops",
      async (request: Request) => {
        await request.body?.getReader().read();
      },
    ],
  ])("keeps a keep-alive socket usable when a handler %s", async (_label, use) => {
    let calls = 0;
    const url = new URL(
      await listen(
        toNodeListener(async (request) => {
          if (calls++ === 0) await use(request);
          else await request.arrayBuffer();
          return new Response("done");
        }),
      ),
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = new Uint8Array(1024 * 1024).fill(0x20);
      expect(await post(url, agent, "POST", {}, big)).toEqual({ status: 200, body: "done" });
      expect(await post(url, agent, "POST", {}, "{}")).toEqual({ status: 200, body: "done" });
    } finally {
      agent.destroy();
    }
  });

  it("ends a read still pending when the handler answered, instead of leaving it hanging", async () => {
    let pending: Promise<unknown> | undefined;
    const url = new URL(
      await listen(
        toNodeListener(async (request) => {
          const reader = request.body?.getReader();
          await reader?.read(); // the first chunk
          pending = reader?.read().then(
            (chunk) => (chunk.done ? "done" : "more"),
            () => "discarded",
          );
          return new Response("early");
        }),
      ),
    );
    const agent = new Agent();
    try {
      // Only part of the body is sent, so the second read has to wait for the network.
      const timers: NodeJS.Timeout[] = [];
      try {
        const answer = await new Promise<number>((resolve, reject) => {
          const req = httpRequest({ host: url.hostname, port: url.port, method: "POST", agent });
          req.on("response", (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
            req.destroy();
          });
          req.on("error", () => {});
          req.write("first");
          timers.push(setTimeout(() => reject(new Error("no answer")), 3000));
        });
        expect(answer).toBe(200);
        const timeout = new Promise((resolve) => timers.push(setTimeout(resolve, 2000, "hanging")));
        expect(await Promise.race([pending, timeout])).toBe("discarded");
      } finally {
        for (const timer of timers) clearTimeout(timer);
      }
    } finally {
      agent.destroy();
    }
  });
});
