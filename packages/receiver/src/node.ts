/**
 * node:http and Express adapter. Node only; the main entry stays runtime-neutral.
 * A handler from createWebhookHandler runs on its core directly (deliver.ts); any other
 * Fetch handler goes through a Request bridge (request-bridge.ts).
 */
import type { ServerResponse } from "node:http";
import { coreOf } from "./handler.js";
import { deliver } from "./node/deliver.js";
import { type NodeRequest, sendResponse, toRequest } from "./node/request-bridge.js";

export type { NodeRequest } from "./node/request-bridge.js";

/** `(req, res, next?)`, usable with `http.createServer` and as Express middleware. */
export type NodeListener = (req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void) => void;

/**
 * Adapts `createWebhookHandler(...)` to `(req, res)`. Reads the body from the stream, or the
 * bytes a body parser kept (`express.raw()`'s Buffer in `req.body`, or `req.rawBody`). An
 * oversized upload gets 413 and its connection is closed; after other early answers the
 * unread body is drained, so keep-alive connections go on.
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>): NodeListener {
  const core = coreOf(handler);
  const fail = (res: ServerResponse, error: unknown, next?: (error?: unknown) => void) => {
    if (next) return next(error);
    console.error("Mailtrap webhook adapter:", error instanceof Error ? error.message : error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  };

  if (core) {
    return (req, res, next) => {
      try {
        deliver(core, req, res).catch((error: unknown) => fail(res, error, next));
      } catch (error) {
        fail(res, error, next);
      }
    };
  }

  return (req, res, next) => {
    void (async () => {
      let discard: (() => void) | undefined;
      try {
        const converted = toRequest(req);
        discard = converted.discard;
        await sendResponse(res, await handler(converted.request));
      } catch (error) {
        fail(res, error, next);
      } finally {
        // A handler that answered without reading the whole body: drop the rest so the
        // keep-alive connection can carry the next request.
        discard?.();
      }
    })();
  };
}
