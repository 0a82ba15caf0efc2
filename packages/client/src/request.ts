// One call, end to end: attempts with a fresh timeout each, retries when shouldRetry says
// so, and the success body checked and unwrapped. Errors come out classified (errors.ts).
import { type OperationId, type ResponseBody, requiredFields } from "@mailtrap-webhooks/types";
import { onAbort, sleep, userAbort } from "./abort.js";
import type { Fetch } from "./connection.js";
import {
  answered,
  ConnectionError,
  errorFromResponse,
  InvalidArgumentError,
  InvalidResponseError,
  MailtrapWebhooksError,
  ResponseTooLargeError,
  scrub,
  TimeoutError,
  WebhooksApiError,
} from "./errors.js";
import type { Log } from "./logger.js";
import type { PathForm } from "./operations.js";
import type { RateLimiter } from "./rate-limit.js";
import { retryDelay, shouldRetry } from "./retry.js";
import type { Route, Shape } from "./routes.js";
import { checkRetries, checkTimeout, describe, isObject, refuse } from "./validate.js";

/** Options for a single call; they override the client's for that call only. */
export interface RequestOptions {
  /** Cancels the call, including a pending retry or rate-limit wait. An aborted call is never retried. */
  signal?: AbortSignal | undefined;
  /** Milliseconds each attempt may take, body included. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt. */
  maxRetries?: number | undefined;
}

export interface SenderConfig {
  baseUrl: string;
  /** Sent with every request: Accept, User-Agent and auth. */
  headers: Record<string, string>;
  /** Sends one request; the sender caps the size of what comes back. */
  fetch: Fetch;
  timeoutMs: number;
  maxRetries: number;
  /** The most bytes of a response body read; past it the rest is dropped unread. */
  maxResponseBytes: number;
  /** Never appears in an error message, body or header. */
  apiToken: string;
  /** The path form the client calls; error advice depends on it (errors.ts). */
  pathForm: PathForm;
  log: Log;
  /** Waits for a free slot before each attempt; undefined when the limit is off. */
  rateLimiter: RateLimiter | undefined;
}

/** What each attempt is sent with, but its signal; headers as a record so each attempt gets a copy. */
type Attempt = RequestInit & { headers: Record<string, string> };

export type Sender = <Op extends OperationId>(
  route: Route<Op>,
  options: RequestOptions | undefined,
) => Promise<ResponseBody<Op, 200>["data"]>;

export function createSender(config: SenderConfig): Sender {
  const { baseUrl, headers, apiToken, pathForm, log, rateLimiter } = config;
  const jsonHeaders = { ...headers, "Content-Type": "application/json" };
  return async ({ method, path, id, body, shape, list }, options) => {
    let { timeoutMs, maxRetries } = config;
    let signal: AbortSignal | undefined;
    if (options !== undefined) {
      // Checked as what a JavaScript caller could pass, without narrowing the typed options.
      if (!isObject(options as unknown)) refuse("options", "an object such as { timeoutMs: 5000 }", options);
      signal = options.signal;
      // Duck-typed: signals from another realm or a polyfill fail instanceof but work.
      if (signal !== undefined && !(typeof signal?.aborted === "boolean" && signal.addEventListener)) {
        refuse("options.signal", "an AbortSignal", signal);
      }
      if (options.timeoutMs !== undefined) timeoutMs = checkTimeout("options.timeoutMs", options.timeoutMs);
      if (options.maxRetries !== undefined)
        maxRetries = checkRetries("options.maxRetries", options.maxRetries);
    }
    const url = baseUrl + path;
    const init: Attempt = {
      method,
      headers: body === undefined ? headers : jsonHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
      // A redirect to another host would carry the token header along; surface it instead.
      redirect: "manual",
    };
    /** `GET /api/webhooks` (baseUrl's own path included), for messages and log lines. */
    const call = () => `${method} ${new URL(url).pathname}`;
    for (let retries = 0; ; retries++) {
      // Before the attempt's timer starts: time spent waiting for the limit is not the server's.
      const slot =
        rateLimiter &&
        (await rateLimiter.acquire(signal, (wait) =>
          log("info", () => `${call()}: waiting ${wait} ms for the rate limit (${rateLimiter.description})`),
        ));
      const tried = () => `${call()} (attempt ${retries + 1} of ${maxRetries + 1})`;
      let error: WebhooksApiError;
      try {
        let response: Response;
        let text: string;
        try {
          [response, text] = await exchange(url, init, signal, timeoutMs, config, call);
        } finally {
          slot?.done();
        }
        if (!response.ok) throw errorFromResponse(response, text, apiToken, pathForm, id !== undefined);
        const data = unwrap(response, text, shape, list, apiToken);
        log("debug", () => `${tried()} → ${response.status}`);
        // The generic ties the unchecked JSON to the spec's 200 body for this operation.
        return data as never;
      } catch (thrown) {
        if (!(thrown instanceof WebhooksApiError)) throw thrown;
        error = thrown;
      }
      const outcome = () => `${tried()} → ${error.status ?? error.name}`;
      if (!shouldRetry({ method, attempt: retries, maxRetries, error })) {
        log("info", () => `${outcome()}; not retried`);
        throw error;
      }
      const wait = Math.round(
        retryDelay({ attempt: retries, retryAfter: error.headers?.get("retry-after") }),
      );
      log("info", () => `${outcome()}; retrying in ${wait} ms`);
      await sleep(wait, signal);
    }
  };
}

/**
 * One attempt on the wire: the response and its body text, or the error it ends in. The
 * attempt has its own controller, so it gets the full timeout, and the caller's signal is
 * linked by hand because AbortSignal.any is missing from some runtimes we support. The
 * attempt settles at the timeout or abort even when a custom fetch ignores its signal.
 */
async function exchange(
  url: string,
  init: Attempt,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  { fetch, maxResponseBytes, apiToken, baseUrl }: SenderConfig,
  call: () => string,
): Promise<[Response, string]> {
  if (signal?.aborted) throw userAbort(signal);
  const controller = new AbortController();
  let timedOut = false;
  let stop: (reason: unknown) => void = () => {};
  const abort = () => {
    controller.abort();
    stop(controller.signal.reason);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    abort();
  }, timeoutMs);
  const unwatch = signal && onAbort(signal, abort);
  try {
    return await new Promise((resolve, reject) => {
      stop = reject;
      (async () => {
        // No Request of our own: fetch builds one from these, and a second would link its signal twice.
        // The headers are copied so that a wrapper changing them changes this attempt only.
        const response = await fetch(url, {
          ...init,
          headers: { ...init.headers },
          signal: controller.signal,
        });
        // Duck-typed: a Response from another realm or a polyfill fails instanceof but works.
        if (!response?.headers?.get) {
          throw new InvalidArgumentError(
            "fetch",
            `fetch must resolve to a Response, got ${describe(response)}`,
          );
        }
        return [response, await readText(response, maxResponseBytes, apiToken)] as [Response, string];
      })().then(resolve, reject);
    });
  } catch (cause) {
    if (signal?.aborted) throw userAbort(signal);
    if (cause instanceof MailtrapWebhooksError) throw cause;
    if (timedOut) {
      throw new TimeoutError(
        `Mailtrap did not answer ${call()} within ${timeoutMs} ms; raise timeoutMs or check the network.`,
        { cause },
      );
    }
    throw new ConnectionError(
      `Could not reach ${baseUrl} (${call()}): ${scrub(describeCause(cause), apiToken)}. Check the network and baseUrl.`,
      { cause },
    );
  } finally {
    clearTimeout(timer);
    unwatch?.();
  }
}

// Made on first use: a TextDecoder made while loading would cost the import about 0.3 ms
// (it sets up the runtime's decoder); by the first answer fetch has done that already.
let utf8: TextDecoder | undefined;

/**
 * The body as text, read chunk by chunk so that a huge or endless body costs at most
 * `max` bytes of memory; a declared length over the cap fails before anything is read.
 */
async function readText(response: Response, max: number, apiToken: string): Promise<string> {
  const tooLarge = () =>
    new ResponseTooLargeError(
      `Mailtrap answered ${response.status} with a body over maxResponseBytes (${max} bytes), not read further. Check baseUrl or raise maxResponseBytes.`,
      answered(response, apiToken),
    );
  const source = response.body;
  if (!source) return "";
  if (Number(response.headers.get("content-length")) > max) {
    source.cancel().catch(() => {});
    throw tooLarge();
  }
  const reader = source.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > max) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  if (chunks.length > 1) return new Blob(chunks).text();
  utf8 ??= new TextDecoder();
  return utf8.decode(chunks[0]);
}

type RequiredFields = [field: string, allowed: string[] | undefined][];
const required: Partial<Record<Shape, RequiredFields>> = {};

/**
 * A schema's required fields with the JSON types each may have (undefined: any), read once
 * from the spec's table, which writes them `"string|null"`, and `""` for any.
 */
function requiredOf(shape: Shape): RequiredFields {
  required[shape] ??= Object.entries<string>(requiredFields[shape]).map(([field, types]) => [
    field,
    types === "" ? undefined : types.split("|"),
  ]);
  return required[shape];
}

/** The JSON type of a value, as the spec names types. */
function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return Number.isInteger(value) ? "integer" : typeof value;
}

/**
 * What keeps `value` from being a `shape`: a missing required field or one of the wrong JSON
 * type. Values are not quoted: an answer can carry a signing secret.
 */
function mismatch(value: unknown, shape: Shape, at: string): string | undefined {
  if (!isObject(value)) return `${at} is ${jsonType(value)}, not an object`;
  for (const [field, allowed] of requiredOf(shape)) {
    const found = jsonType(value[field]);
    if (found === "undefined") return `${at}.${field} is missing`;
    if (allowed && !allowed.includes(found) && !(found === "integer" && allowed.includes("number"))) {
      return `${at}.${field} is ${found}, not ${allowed.join("|")}`;
    }
  }
  return undefined;
}

/** Checks a 2xx answer is the JSON envelope the spec promises, with `data` a `shape` (a list of them for `list`), and returns its `data`. */
function unwrap(
  response: Response,
  text: string,
  shape: Shape,
  list: boolean | undefined,
  apiToken: string,
): unknown {
  // Built only on failure; the body kept is scrubbed, as a create answer carries the signing secret.
  const invalid = (what: string) =>
    new InvalidResponseError(
      `Mailtrap answered ${response.status} with ${what}. Check that baseUrl points at the Mailtrap API.`,
      answered(response, apiToken, text),
    );
  const type = response.headers.get("content-type") ?? "";
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
    throw invalid(`content type ${JSON.stringify(type || "(none)")}, not JSON`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid("a body that is not valid JSON");
  }
  if (!isObject(parsed) || !("data" in parsed)) throw invalid('JSON with no "data" field');
  const { data } = parsed;
  let problem: string | undefined;
  if (!list) problem = mismatch(data, shape, "data");
  else if (!Array.isArray(data)) problem = `data is ${jsonType(data)}, not an array`;
  else for (let i = 0; i < data.length && !problem; i++) problem = mismatch(data[i], shape, `data[${i}]`);
  if (problem) throw invalid(`"data" that breaks the spec: ${problem}`);
  return data;
}

/** What a system error code means, in words a user can act on. */
const CAUSES: [RegExp, string][] = [
  [/^ECONNREFUSED$/, "the server refused the connection"],
  [/^(ENOTFOUND|EAI_AGAIN)$/, "the host name could not be resolved (DNS)"],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/, "the connection was reset or closed before an answer"],
  [/TIMEDOUT|TIMEOUT/, "the connection timed out"],
  // ERR_SSL_WRONG_VERSION_NUMBER is a plain-HTTP server on an https:// baseUrl, not a certificate.
  [/CERT|TLS|SSL/, "TLS failed; check the certificate, and http vs https"],
];

/**
 * `ECONNREFUSED, the server refused the connection`: the system error code and what it means.
 * Without a code, the innermost cause's message: undici's own is only "fetch failed".
 */
function describeCause(cause: unknown): string {
  // undici hides the code one or two levels down (fetch failed → Error → AggregateError).
  let code: unknown;
  let message: unknown = cause;
  for (let link = cause, depth = 0; link && depth < 4 && typeof code !== "string"; depth++) {
    const node = link as { code?: unknown; cause?: unknown; errors?: unknown[]; message?: unknown };
    code = node.code;
    message = node.message || message;
    link = node.cause ?? node.errors?.[0];
  }
  if (typeof code !== "string") return String(message);
  const meaning = CAUSES.find(([pattern]) => pattern.test(code))?.[1];
  return meaning ? `${code}, ${meaning}` : `${message} (${code})`;
}
