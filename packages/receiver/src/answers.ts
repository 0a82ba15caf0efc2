/**
 * Every answer the receiver gives, as plain data: the status table in one place. Adapters
 * turn an Answer into their framework's response.
 */
import type { SIGNATURE_HEADER } from "./verify.js";

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const TEXT = "text/plain; charset=utf-8";

// Marked so that bundlers drop the table when only verifySignature is imported.
const answer = /* @__NO_SIDE_EFFECTS__ */ (
  status: number,
  body: string,
  headers?: Record<string, string>,
): Answer => Object.freeze({ status, body, headers: Object.freeze({ "content-type": TEXT, ...headers }) });

export const answers = {
  ok: answer(200, "OK"),
  notPost: answer(405, "Method Not Allowed: Mailtrap POSTs deliveries.", { allow: "POST" }),
  // Spelled out, not `${SIGNATURE_HEADER}`: a bundler cannot tell a template is free of side
  // effects, and would keep the whole table in bundles that only verify.
  noSignature: answer(
    400,
    "Bad Request: missing Mailtrap-Signature header." satisfies `${string}${typeof SIGNATURE_HEADER}${string}`,
  ),
  unsupportedType: answer(415, "Unsupported Media Type: expected application/json or application/jsonl."),
  // The rest of an oversized upload is not read; closing tells the sender so.
  tooLarge: answer(413, "Payload Too Large.", { connection: "close" }),
  unreadable: answer(400, "Bad Request: the body could not be read."),
  badSignature: answer(401, "Unauthorized: signature mismatch."),
  failed: answer(500, "Internal Server Error: the events were not processed; Mailtrap will retry."),
  bodyAlreadyRead: answer(500, "Internal Server Error: the body was read before it could be verified."),
  timedOut: answer(503, "Service Unavailable: the events took too long to process; Mailtrap will retry."),
  // Another delivery of the same events failed while this one waited for it (see in-flight.ts).
  overlapFailed: answer(
    503,
    "Service Unavailable: an overlapping delivery of the same events failed; Mailtrap will retry.",
  ),
  disconnected: answer(503, "Service Unavailable: the sender disconnected."),
} as const;

/** 400 for a signed body that does not parse. Safe to echo: parse messages hold only short snippets. */
export const unparsable = (message: string): Answer => answer(400, `Bad Request: ${message}`);
