/**
 * node:http and Express adapter for the Fetch-standard handler. Node only; the main
 * entry stays runtime-neutral.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** An IncomingMessage, possibly with Express's extras (`body` from `express.raw()`, `originalUrl`). */
export type NodeRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/** `(req, res, next?)`, usable with `http.createServer` and as Express middleware. */
export type NodeListener = (req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void) => void;

// A web stream over the request. Listeners go on at the first read, not at creation:
// attaching `data` puts Node's stream in flowing mode, which turns off Node's own draining
// of an unread body, and a keep-alive connection would stall after an early answer.
// Backpressure pauses Node's stream; `discard` (also run on cancel, e.g. body too large)
// drops the rest instead of destroying the socket, so the answer still reaches the sender.
function bodyStream(req: IncomingMessage): { stream: ReadableStream<Uint8Array>; discard: () => void } {
  let detach = () => {};
  let attached = false;
  let stop = () => {};
  const discard = () => {
    detach();
    if (!req.readableEnded && !req.destroyed) req.resume();
    // A read still waiting (no-op once the stream is closed or cancelled) must not hang.
    stop();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // Attached at once (it does not start the flow) so an abort before the first read
        // still errors the stream instead of leaving a reader waiting forever.
        const onError = (error: Error) => {
          detach();
          controller.error(error);
        };
        req.on("error", onError);
        detach = () => req.off("error", onError);
        stop = () => controller.error(new Error("The rest of the request body was discarded."));
      },
      pull(controller) {
        if (!attached) {
          attached = true;
          const onData = (chunk: Buffer | string) => {
            controller.enqueue(
              typeof chunk === "string" ? new TextEncoder().encode(chunk) : new Uint8Array(chunk),
            );
            if ((controller.desiredSize ?? 0) <= 0) req.pause();
          };
          const onEnd = () => {
            detach();
            controller.close();
          };
          const detachError = detach;
          req.on("data", onData).on("end", onEnd);
          detach = () => {
            detachError();
            req.off("data", onData).off("end", onEnd);
          };
        }
        req.resume();
      },
      cancel: discard,
    },
    // 0: pull only when someone reads, so creating the Request reads nothing.
    { highWaterMark: 0 },
  );
  return { stream, discard };
}

const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

// Only the path comes from the request line, put after a fixed origin: a target such as
// `//evil.example/x` must not become the URL's host. A malformed Host header falls back to
// localhost instead of failing the request.
function requestUrl(req: NodeRequest): URL {
  const host = req.headers.host;
  const origin = typeof host === "string" && HOST.test(host) ? `http://${host}` : "http://localhost";
  let target = req.originalUrl ?? req.url ?? "/";
  if (!target.startsWith("/")) {
    // Absolute form (`POST http://host/path`, as sent to proxies) or `*`: keep the path only.
    try {
      const parsed = new URL(target);
      target = `${parsed.pathname}${parsed.search}`;
    } catch {
      target = "/";
    }
  }
  try {
    return new URL(`${origin}${target}`);
  } catch {
    return new URL(`http://localhost${target}`);
  }
}

function toRequest(req: NodeRequest): { request: Request; discard?: () => void } {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const url = requestUrl(req);
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") return { request: new Request(url, { method, headers }) };

  if (req.body instanceof Uint8Array || typeof req.body === "string") {
    // express.raw() / express.text() already read the stream; their bytes are the raw body.
    headers.delete("content-length");
    const body = req.body as Uint8Array<ArrayBuffer> | string;
    return { request: new Request(url, { method, headers, body }) };
  }
  if (req.readableEnded || (req.body !== undefined && !isEmptyObject(req.body))) {
    throw new Error(
      "The request body was already parsed (e.g. by express.json()), so its signature cannot be checked. " +
        'Mount express.raw({ type: "*/*" }) on the webhook route instead.',
    );
  }
  const { stream, discard } = bodyStream(req);
  return {
    request: new Request(url, { method, headers, body: stream, duplex: "half" } as RequestInit),
    discard,
  };
}

// body-parser sets `req.body = {}` even when it skips a request it does not handle.
function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.end(new Uint8Array(await response.arrayBuffer()));
}

/**
 * Adapts `createWebhookHandler(...)` to `(req, res)`. Reads the body from the stream, or
 * from `req.body` when `express.raw()` has already read it into a Buffer. Whatever the
 * handler left unread is discarded once it has answered, so keep-alive connections go on.
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>): NodeListener {
  return (req, res, next) => {
    void (async () => {
      let discard: (() => void) | undefined;
      try {
        const converted = toRequest(req);
        discard = converted.discard;
        await send(res, await handler(converted.request));
      } catch (error) {
        if (next) return next(error);
        console.error("Mailtrap webhook adapter:", error instanceof Error ? error.message : error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      } finally {
        // A handler that answered without reading the whole body: drop the rest so the
        // keep-alive connection can carry the next request.
        discard?.();
      }
    })();
  };
}
