/**
 * The Fetch adapter: `(request) => Promise<Response>` over the delivery core, for Next.js,
 * Hono, Bun, Deno and workers. The handler carries its core (under CORE) so toNodeListener
 * can skip the Request and Response entirely.
 */
import type { Answer } from "./answers.js";
import { answers } from "./answers.js";
import { createWebhookCore, type DeliveryHead, isAnswer, type Reception, type WebhookCore } from "./core.js";
import type { WebhookHandlerOptions } from "./options.js";

export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  type DeliveryContext,
  type WebhookHandlerOptions,
} from "./options.js";

/** Internal: where a handler made here keeps its core. Symbol.for, so the ESM and CJS builds agree. */
export const CORE = Symbol.for("@mailtrap-webhooks/receiver:core@1");

/** A handler from createWebhookHandler: a Fetch handler that also carries its core. */
type CoreCarrier = ((request: Request) => Promise<Response>) & { readonly [CORE]?: WebhookCore };

/** Internal: the core behind a handler made by createWebhookHandler, if it is one. */
export const coreOf = (handler: (request: Request) => Promise<Response>): WebhookCore | undefined =>
  (handler as CoreCarrier)[CORE];

const toResponse = (answer: Answer) =>
  new Response(answer.body, { status: answer.status, headers: answer.headers });

// Only the headers the core reads, under their lower-case names.
function headOf(request: Request): DeliveryHead {
  const get = (name: string) => request.headers.get(name) ?? undefined;
  return {
    method: request.method,
    headers: {
      "mailtrap-signature": get("mailtrap-signature"),
      "x-mailtrap-signature": get("x-mailtrap-signature"),
      "content-type": get("content-type"),
      "content-length": get("content-length"),
    },
  };
}

// Tells the runtime an unread body is not wanted, so it can drain it and reuse the connection.
function cancelBody(request: Request): void {
  if (request.body && !request.bodyUsed && !request.body.locked) request.body.cancel().catch(() => {});
}

// The body is in: check, parse and process, with the request's signal telling a disconnect.
async function finish(reception: Reception, request: Request): Promise<Response> {
  const signal = request.signal as AbortSignal | undefined;
  const disconnected = () => reception.disconnected();
  signal?.addEventListener("abort", disconnected, { once: true });
  if (signal?.aborted) disconnected();
  try {
    return toResponse(await reception.finish({ request: () => request }));
  } finally {
    signal?.removeEventListener("abort", disconnected);
  }
}

/**
 * A Fetch-standard handler for Mailtrap deliveries: `(request) => Promise<Response>`.
 *
 * 405 not POST · 400 no signature header · 415 unknown content type · 413 body too large ·
 * 401 signature mismatch · 400 unparsable body · 500 `onEvents`/`seen` threw ·
 * 503 past `timeoutMs`, or an overlapping delivery of the same events failed · 200 done.
 * Events repeating an `event_id` earlier in the same batch are dropped.
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  const core = createWebhookCore(options);
  const handler = async (request: Request): Promise<Response> => {
    const head = headOf(request);
    const reception = core.begin(head);
    if (isAnswer(reception)) {
      cancelBody(request);
      return toResponse(reception);
    }
    // bodyUsed, not body.locked: on @hono/node-server reading `body` builds a whole Request
    // and gives up its fast path. A body locked but unused shows at getReader below.
    const alreadyRead = () =>
      toResponse(
        reception.bodyAlreadyRead(
          { request: () => request },
          "Pass it the request before anything reads the body (such as a middleware's request.json()).",
        ),
      );
    if (request.bodyUsed) return alreadyRead();
    // With a Content-Length the runtime's HTTP parser stops at that many bytes (already
    // checked against the limit), so the whole body can be taken at once: on @hono/node-server
    // and others that is much cheaper than a web stream read chunk by chunk. Without one
    // (chunked), read chunk by chunk so reading stops at the limit.
    if (head.headers["content-length"] !== undefined) {
      let body: Uint8Array;
      try {
        body = new Uint8Array(await request.arrayBuffer());
      } catch {
        return toResponse(answers.unreadable);
      }
      if (!reception.push(body)) return toResponse(answers.tooLarge);
      return finish(reception, request);
    }
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    try {
      reader = request.body?.getReader();
    } catch {
      return alreadyRead();
    }
    try {
      // Read chunk by chunk: the HMAC follows, and reading stops at the limit.
      for (;;) {
        const next = await reader?.read();
        if (!next || next.done) break;
        if (!reception.push(next.value)) {
          reader?.cancel().catch(() => {});
          return toResponse(answers.tooLarge);
        }
      }
    } catch {
      return toResponse(answers.unreadable);
    }
    return finish(reception, request);
  };
  Object.defineProperty(handler, CORE, { value: core });
  return handler;
}
