/**
 * IncomingMessage → Request and Response → ServerResponse, for Fetch handlers that are not
 * ours (toNodeListener accepts any). Handlers from createWebhookHandler skip this (deliver.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyReadError } from "../errors.js";

/** An IncomingMessage, possibly with a framework's extras: the raw bytes a body parser kept, `originalUrl`. */
export type NodeRequest = IncomingMessage & { body?: unknown; rawBody?: unknown; originalUrl?: string };

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

/**
 * Only the path comes from the request line, put after a fixed origin: a target such as
 * `//evil.example/x` must not become the URL's host. A malformed Host header falls back to
 * localhost instead of failing the request.
 */
export function requestUrl(req: NodeRequest): URL {
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

/** The request's headers as a Headers object. */
export function requestHeaders(req: NodeRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** A body parser (express.json(), koa-bodyparser...) took the stream and kept only what it parsed. */
export const PARSED = Symbol("parsed");

export const PARSER_ADVICE =
  'Mount the webhook route before body parsers such as express.json(), or give it express.raw({ type: "*/*" }).';

/**
 * The raw body a middleware already read: `rawBody` (NestJS `rawBody: true`, some Fastify and
 * Koa plugins), or `body` when express.raw() / express.text() left bytes or text there.
 * Undefined when the stream is still unread; PARSED when its exact bytes are gone.
 */
export function bodyAlreadyRead(req: NodeRequest): Uint8Array | string | typeof PARSED | undefined {
  if (req.rawBody instanceof Uint8Array) return req.rawBody;
  if (req.body instanceof Uint8Array || typeof req.body === "string") return req.body;
  if (req.readableEnded || (req.body !== undefined && !isEmptyObject(req.body))) return PARSED;
  return undefined;
}

// body-parser sets `req.body = {}` even when it skips a request it does not handle.
function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

/** A Request over the IncomingMessage; `discard` drops what the handler left unread. */
export function toRequest(req: NodeRequest): { request: Request; discard?: () => void } {
  const headers = requestHeaders(req);
  const url = requestUrl(req);
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") return { request: new Request(url, { method, headers }) };
  const read = bodyAlreadyRead(req);
  if (read === PARSED) throw bodyReadError(PARSER_ADVICE);
  if (read !== undefined) {
    headers.delete("content-length");
    return { request: new Request(url, { method, headers, body: read as Uint8Array<ArrayBuffer> | string }) };
  }
  const { stream, discard } = bodyStream(req);
  return {
    request: new Request(url, { method, headers, body: stream, duplex: "half" } as RequestInit),
    discard,
  };
}

export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.end(new Uint8Array(await response.arrayBuffer()));
}
