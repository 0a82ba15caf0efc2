/**
 * node:http and Express adapter for the Fetch-standard handler. Node only; the main
 * entry stays runtime-neutral.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** An IncomingMessage, possibly with Express's extras (`body` from `express.raw()`, `originalUrl`). */
export type NodeRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/** `(req, res, next?)`, usable with `http.createServer` and as Express middleware. */
export type NodeListener = (req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void) => void;

// A web stream over the request that pauses Node's stream under backpressure and, if
// cancelled (body too large), discards the rest instead of destroying the socket, so the
// 413 answer still reaches the sender.
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let detach = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
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
      const onError = (error: Error) => {
        detach();
        controller.error(error);
      };
      req.on("data", onData).on("end", onEnd).on("error", onError);
      detach = () => req.off("data", onData).off("end", onEnd).off("error", onError);
    },
    pull() {
      req.resume();
    },
    cancel() {
      detach();
      req.resume();
    },
  });
}

function toRequest(req: NodeRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const url = new URL(req.originalUrl ?? req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });

  let body: BodyInit;
  if (req.body instanceof Uint8Array || typeof req.body === "string") {
    // express.raw() / express.text() already read the stream; their bytes are the raw body.
    body = req.body as Uint8Array<ArrayBuffer> | string;
    headers.delete("content-length");
  } else if (req.readableEnded || (req.body !== undefined && !isEmptyObject(req.body))) {
    throw new Error(
      "The request body was already parsed (e.g. by express.json()), so its signature cannot be checked. " +
        'Mount express.raw({ type: "*/*" }) on the webhook route instead.',
    );
  } else {
    body = bodyStream(req);
  }
  return new Request(url, { method, headers, body, duplex: "half" } as RequestInit);
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
 * from `req.body` when `express.raw()` has already read it into a Buffer.
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>): NodeListener {
  return (req, res, next) => {
    void (async () => {
      try {
        await send(res, await handler(toRequest(req)));
      } catch (error) {
        if (next) return next(error);
        console.error("Mailtrap webhook adapter:", error instanceof Error ? error.message : error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      }
    })();
  };
}
