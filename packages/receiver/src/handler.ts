import { formatFromContentType, type ParsedEvent, parseEvents } from "./parse.js";
import { LEGACY_SIGNATURE_HEADER, normalizeSecrets, SIGNATURE_HEADER, verifySignature } from "./verify.js";

/** What `onEvents` and `onError` get besides the events. */
export interface DeliveryContext {
  /** The incoming request. Its body has already been read. */
  request: Request;
}

interface HandlerOptionsBase {
  /**
   * Called with every event of a verified delivery (minus those `seen` drops), parsed and
   * tagged by `kind`: `"sending"`, `"audit_log"`, `"inbound"` or `"unknown"`. The handler
   * answers 200 only after it resolves; if it throws, 500, and Mailtrap retries the batch.
   */
  onEvents: (events: ParsedEvent[], context: DeliveryContext) => void | Promise<void>;
  /** Largest body accepted, in bytes. Larger deliveries get 413. Default 5 MiB. */
  maxBodyBytes?: number;
  /**
   * Return true for an `event_id` already processed, to drop the event before `onEvents`.
   * Mailtrap retries whole batches, so the same event can arrive twice. Only a check:
   * record ids yourself once `onEvents` has stored them.
   */
  seen?: (eventId: string) => boolean | Promise<boolean>;
  /**
   * Told about errors from `onEvents`/`seen` before the 500. Default: console.error.
   * If it throws or rejects itself, that is ignored and the answer is still 500.
   */
  onError?: (error: unknown, context: DeliveryContext) => void | Promise<void>;
}

export type WebhookHandlerOptions = HandlerOptionsBase &
  (
    | { /** The webhook's signing secret. */ secret: string; secrets?: never }
    | {
        /** Several secrets, e.g. old and new during rotation; any may match. */ secrets: readonly string[];
        secret?: never;
      }
  );

export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

const text = (status: number, body: string, headers?: Record<string, string>) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers } });

class TooLarge extends Error {}

// Counts bytes as they arrive and stops reading past the limit, so a huge or endless
// body costs at most `limit` bytes of memory.
async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

// Drops an event_id repeated within the batch (always) and ones `seen` knows (if given).
// `seen` is asked one event at a time, in order, so it may rely on sequential calls.
async function dropDuplicates(events: ParsedEvent[], seen: HandlerOptionsBase["seen"]) {
  const inBatch = new Set<string>();
  const fresh: ParsedEvent[] = [];
  for (const item of events) {
    const id = (item.event as { event_id?: unknown }).event_id;
    if (typeof id === "string") {
      if (inBatch.has(id)) continue;
      inBatch.add(id);
      if (seen && (await seen(id))) continue;
    }
    fresh.push(item);
  }
  return fresh;
}

// Tells the runtime an unread body is not wanted, so it can drain it and reuse the connection.
function answerEarly(request: Request, response: Response): Response {
  if (request.body && !request.bodyUsed && !request.body.locked) request.body.cancel().catch(() => {});
  return response;
}

/**
 * A Fetch-standard handler for Mailtrap deliveries: `(request) => Promise<Response>`.
 *
 * 405 not POST · 400 no signature header · 415 unknown content type · 413 body too large ·
 * 401 signature mismatch · 400 unparsable body · 500 `onEvents`/`seen` threw · 200 done.
 * Events repeating an `event_id` earlier in the same batch are dropped.
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  // Fail at startup, not on the first delivery, when the secret is missing.
  const secrets = normalizeSecrets(options.secrets ?? options.secret);
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!(limit >= 0)) throw new TypeError("createWebhookHandler: maxBodyBytes must be a non-negative number.");
  const report =
    options.onError ??
    ((error: unknown) =>
      console.error("Mailtrap webhook: onEvents or seen failed; answering 500 so Mailtrap retries.", error));

  return async (request) => {
    if (request.method !== "POST")
      return answerEarly(
        request,
        text(405, "Method Not Allowed: Mailtrap POSTs deliveries.", { allow: "POST" }),
      );

    // Mailtrap-Signature wins when both are present: it is the spec's name.
    const signature =
      request.headers.get(SIGNATURE_HEADER)?.trim() || request.headers.get(LEGACY_SIGNATURE_HEADER)?.trim();
    // Checked before the content type: a request with neither is missing its signature (400).
    if (!signature)
      return answerEarly(request, text(400, `Bad Request: missing ${SIGNATURE_HEADER} header.`));

    const format = formatFromContentType(request.headers.get("content-type"));
    if (!format)
      return answerEarly(
        request,
        text(415, "Unsupported Media Type: expected application/json or application/jsonl."),
      );

    const declared = Number(request.headers.get("content-length") ?? Number.NaN);
    if (declared > limit) return answerEarly(request, text(413, "Payload Too Large."));
    let body: Uint8Array;
    try {
      body = await readBody(request, limit);
    } catch (error) {
      if (error instanceof TooLarge) return text(413, "Payload Too Large.");
      return text(400, "Bad Request: the body could not be read.");
    }

    if (!(await verifySignature(body, signature, secrets)))
      return text(401, "Unauthorized: signature mismatch.");

    let events: ParsedEvent[];
    try {
      events = parseEvents(body, { format });
    } catch (error) {
      // Safe to echo: parse messages hold only truncated body snippets, and the body is signed.
      return text(400, `Bad Request: ${(error as Error).message}`);
    }

    const context = { request };
    try {
      events = await dropDuplicates(events, options.seen);
      if (events.length > 0) await options.onEvents(events, context);
    } catch (error) {
      // A failing onError must not turn the 500 into a crash or an unhandled rejection.
      try {
        void Promise.resolve(report(error, context)).catch(() => {});
      } catch {
        // onError threw synchronously: ignored, the answer is still 500.
      }
      return text(500, "Internal Server Error: the events were not processed; Mailtrap will retry.");
    }
    return text(200, "OK");
  };
}
