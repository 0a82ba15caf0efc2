// One call, end to end: attempts with a fresh timeout each, retries when shouldRetry says
// so, and the success body checked and unwrapped. Errors come out classified (errors.ts).
import { type OperationId, type ResponseBody, requiredFields } from "@mailtrap-webhooks/types";
import { sleep, userAbort } from "./abort.js";
import {
  ConnectionError,
  clipText,
  errorFromResponse,
  InvalidResponseError,
  ResponseTooLargeError,
  scrub,
  scrubHeaders,
  TimeoutError,
  WebhooksApiError,
} from "./errors.js";
import type { Log } from "./logger.js";
import { forBothForms, type PathForm } from "./operations.js";
import type { RateLimiter, Slot } from "./rate-limit.js";
import { retryDelay, shouldRetry } from "./retry.js";
import type { Route } from "./routes.js";
import { checkRequestOptions, checkRetries, checkTimeout } from "./validate.js";

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
  fetch: (request: Request) => Promise<Response>;
  timeoutMs: number;
  maxRetries: number;
  /** The most bytes of a response body read; past it the rest is dropped unread. */
  maxResponseBytes: number;
  /** Strings that must never appear in an error message or body (the API token). */
  secrets: readonly string[];
  /** The path form the client calls; error advice depends on it (errors.ts). */
  pathForm: PathForm;
  log: Log;
  /** Waits for a free slot before each attempt; undefined when the limit is off. */
  rateLimiter: RateLimiter | undefined;
}

export type Sender = <Op extends OperationId>(
  route: Route<Op>,
  options: RequestOptions | undefined,
) => Promise<ResponseBody<Op, 200>["data"]>;

export function createSender(config: SenderConfig): Sender {
  return async (route, rawOptions) => {
    const { method, path } = route;
    const options = checkRequestOptions(rawOptions);
    const timeoutMs =
      options.timeoutMs === undefined
        ? config.timeoutMs
        : checkTimeout("options.timeoutMs", options.timeoutMs);
    const maxRetries =
      options.maxRetries === undefined
        ? config.maxRetries
        : checkRetries("options.maxRetries", options.maxRetries);
    const { signal } = options;
    const attempt: Attempt = { method, path };
    for (let retries = 0; ; retries++) {
      const tried = () => `${method} ${attempt.path} (attempt ${retries + 1} of ${maxRetries + 1})`;
      let error: WebhooksApiError;
      // Before the attempt's timer starts: time spent waiting for the limit is not the server's.
      const slot = await rateLimitSlot(config, signal, `${method} ${path}`);
      try {
        const data = await attemptOnce(route, config, timeoutMs, signal, attempt).finally(() => slot?.done());
        config.log("debug", () => `${tried()} → ${attempt.status}`);
        // The generic ties the unchecked JSON to the spec's 200 body for this operation.
        return data as never;
      } catch (thrown) {
        if (!(thrown instanceof WebhooksApiError)) throw thrown;
        error = thrown;
      }
      const outcome = () => `${tried()} → ${error.status ?? error.name}`;
      if (!shouldRetry({ method, attempt: retries, maxRetries, error })) {
        config.log("info", () => `${outcome()}; not retried`);
        throw error;
      }
      const wait = Math.round(
        retryDelay({ attempt: retries, retryAfter: error.headers?.get("retry-after") }),
      );
      config.log("info", () => `${outcome()}; retrying in ${wait} ms`);
      await sleep(wait, signal);
    }
  };
}

/** Waits for a slot under the token's rate limit, logging the wait; undefined when it is off. */
async function rateLimitSlot(
  { rateLimiter, log }: SenderConfig,
  signal: AbortSignal | undefined,
  call: string,
): Promise<Slot | undefined> {
  if (!rateLimiter) return undefined;
  return rateLimiter.acquire(signal, (wait) =>
    log("info", () => `${call}: waiting ${wait} ms for the rate limit (${rateLimiter.description})`),
  );
}

/** What one attempt learnt about the request, for log lines and messages. */
interface Attempt {
  method: string;
  /** The URL path sent (ids included, no query). */
  path: string;
  status?: number;
}

async function attemptOnce(
  { operation, method, path, body }: Route<OperationId>,
  config: SenderConfig,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  attempt: Attempt,
): Promise<unknown> {
  if (signal?.aborted) throw userAbort(signal);
  // A controller per attempt: each attempt gets the full timeout, and the caller's signal
  // is linked by hand because AbortSignal.any is missing from some runtimes we support.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const exchange = async () => {
    const request = new Request(config.baseUrl + path, {
      method,
      headers:
        body === undefined ? config.headers : { ...config.headers, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A redirect to another host would carry the token header along; surface it instead.
      redirect: "manual",
      signal: controller.signal,
    });
    attempt.path = new URL(request.url).pathname;
    const response = capBody(await config.fetch(request), config);
    attempt.status = response.status;
    return { response, text: await response.text() };
  };
  let response: Response;
  let text: string;
  try {
    ({ response, text } = await untilAborted(exchange(), controller.signal));
  } catch (cause) {
    if (signal?.aborted) throw userAbort(signal);
    if (cause instanceof WebhooksApiError) throw cause;
    if (timedOut) {
      throw new TimeoutError(
        `Mailtrap did not answer ${attempt.method} ${attempt.path} within ${timeoutMs} ms. Raise timeoutMs, or check the network and baseUrl.`,
        { cause },
      );
    }
    throw new ConnectionError(
      `Could not reach ${config.baseUrl} (${attempt.method} ${attempt.path}): ${scrub(describeCause(cause), config.secrets)}. Check the network and baseUrl.`,
      { cause },
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
  if (!response.ok) throw errorFromResponse(response, parseErrorBody(text), config);
  return unwrap(operation, response, text, config.secrets);
}

/** An error body as JSON when it is JSON, else its text; none when empty. */
function parseErrorBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The response with a body that errors once more than `maxResponseBytes` arrive, so a huge
 * or endless body costs at most that much memory. A declared length over the cap fails at once.
 */
function capBody(response: Response, { maxResponseBytes, secrets }: SenderConfig): Response {
  const tooLarge = () =>
    new ResponseTooLargeError(
      `Mailtrap answered ${response.status} with a body over maxResponseBytes (${maxResponseBytes} bytes); ` +
        "the rest was not read. Check baseUrl, or raise maxResponseBytes if the account really has that many webhooks.",
      { status: response.status, headers: scrubHeaders(response.headers, secrets) },
    );
  const source = response.body;
  if (!source) return response;
  if (Number(response.headers.get("content-length")) > maxResponseBytes) {
    source.cancel().catch(() => {});
    throw tooLarge();
  }
  const reader = source.getReader();
  let received = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      received += value.byteLength;
      if (received > maxResponseBytes) {
        reader.cancel().catch(() => {});
        return controller.error(tooLarge());
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}

/**
 * Settles like `work`, or rejects as soon as `signal` aborts: a custom fetch that ignores
 * its signal must not outlive the timeout or the caller's abort.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A schema a call answers with, by its name in the spec. */
type Shape = keyof typeof requiredFields;

/** Which schema each operation's `data` is, and whether it is a list of them. One entry per method. */
const DATA_SHAPES: Record<OperationId, [Shape, list?: true]> = {
  ...forBothForms("list", ["Webhook", true]),
  ...forBothForms("create", ["CreatedWebhook"]),
  ...forBothForms("get", ["Webhook"]),
  ...forBothForms("update", ["Webhook"]),
  ...forBothForms("delete", ["Webhook"]),
};

/** The JSON type of a value, as the spec names types. */
function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return Number.isInteger(value) ? "integer" : typeof value;
}

/**
 * What keeps `value` from being a `shape`: a missing required field or one of the wrong JSON
 * type, checked against the spec's required fields (generated into @mailtrap-webhooks/types).
 * Values are not quoted: an answer can carry a signing secret.
 */
function mismatch(value: unknown, shape: Shape, at: string): string | undefined {
  if (!isObject(value)) return `${at} is ${jsonType(value)}, not an object`;
  for (const [field, types] of Object.entries(requiredFields[shape]) as [string, string][]) {
    const found = jsonType(value[field]);
    if (found === "undefined") return `${at}.${field} is missing`;
    const allowed = types.split("|");
    if (types && !allowed.includes(found) && !(found === "integer" && allowed.includes("number"))) {
      return `${at}.${field} is ${found}, not ${types}`;
    }
  }
  return undefined;
}

/** The first problem with `data` as the operation's answer, or undefined. */
function dataMismatch(operation: OperationId, data: unknown): string | undefined {
  const [shape, list] = DATA_SHAPES[operation];
  if (!list) return mismatch(data, shape, "data");
  if (!Array.isArray(data)) return `data is ${jsonType(data)}, not an array`;
  for (const [i, item] of data.entries()) {
    const problem = mismatch(item, shape, `data[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

/** Checks a 2xx answer is the JSON envelope the spec promises and returns its `data`. */
function unwrap(
  operation: OperationId,
  response: Response,
  text: string | undefined,
  secrets: readonly string[],
): unknown {
  const { status, headers } = response;
  // Built only on failure (it is the costly part of a success). Kept short and scrubbed:
  // a create response carries the signing secret.
  const init = () => ({
    status,
    headers: scrubHeaders(headers, secrets),
    body: clipText(scrub(text ?? "", secrets)),
  });
  const type = headers.get("content-type") ?? "";
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new InvalidResponseError(
      `Mailtrap answered ${status} with content type ${JSON.stringify(type || "(none)")}, not JSON. ` +
        "Check that baseUrl points at the Mailtrap API and not at a proxy or web page.",
      init(),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? "");
  } catch {
    throw new InvalidResponseError(
      `Mailtrap answered ${status} with a body that is not valid JSON. Retry later; if it persists, check baseUrl.`,
      init(),
    );
  }
  if (typeof parsed !== "object" || parsed === null || !("data" in parsed)) {
    throw new InvalidResponseError(
      `Mailtrap answered ${status} with JSON that has no "data" field. Check that baseUrl points at the Mailtrap API.`,
      init(),
    );
  }
  const problem = dataMismatch(operation, parsed.data);
  if (problem) {
    throw new InvalidResponseError(
      `Mailtrap answered ${status} with "data" that breaks the spec: ${problem}. Check that baseUrl points at the Mailtrap API.`,
      init(),
    );
  }
  return parsed.data;
}

/** What a system error code means, in words a user can act on. */
const CAUSES: [RegExp, string][] = [
  [/^ECONNREFUSED$/, "the server refused the connection"],
  [/^(ENOTFOUND|EAI_AGAIN)$/, "the host name could not be resolved (DNS)"],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/, "the connection was reset or closed before an answer"],
  [/TIMEDOUT|TIMEOUT/, "the connection timed out"],
  [/CERT|TLS|SSL/, "the TLS certificate was not accepted"],
];

/** `ECONNREFUSED, the server refused the connection`: the system error code and what it means. */
function describeCause(cause: unknown): string {
  // undici hides the code one or two levels down (fetch failed → Error → AggregateError).
  let code: unknown;
  for (let link = cause, depth = 0; link && depth < 4 && typeof code !== "string"; depth++) {
    const node = link as { code?: unknown; cause?: unknown; errors?: unknown[] };
    code = node.code;
    link = node.cause ?? node.errors?.[0];
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  if (typeof code !== "string") return message;
  const meaning = CAUSES.find(([pattern]) => pattern.test(code))?.[1];
  return meaning ? `${code}, ${meaning}` : `${message} (${code})`;
}
