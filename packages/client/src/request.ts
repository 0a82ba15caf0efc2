/**
 * One call, end to end: attempts with a fresh timeout each, retries as retry.ts decides,
 * and the success body checked and unwrapped. Errors come out classified (errors.ts).
 */
import type { OperationId, ResponseBody } from "@mailtrap-webhooks/types";
import {
  ConnectionError,
  clipText,
  errorFromResponse,
  InvalidResponseError,
  scrub,
  TimeoutError,
  UserAbortError,
  WebhooksApiError,
} from "./errors.js";
import { forBothForms, type PathForm } from "./operations.js";
import { retryDelay, shouldRetry } from "./retry.js";
import { checkRequestOptions, checkRetries, checkTimeout } from "./validate.js";

/** Options for a single call; they override the client's for that call only. */
export interface RequestOptions {
  /** Cancels the call, including a pending retry wait. An aborted call is never retried. */
  signal?: AbortSignal | undefined;
  /** Milliseconds each attempt may take, body included. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt. */
  maxRetries?: number | undefined;
}

/** What an openapi-fetch call answers when asked for the body as text. */
type RawResult = { data?: string | undefined; error?: unknown; response: Response };
export type RawCall = (init: { signal: AbortSignal; parseAs: "text" }) => Promise<RawResult>;

/** One call as the sender makes it (routes.ts builds them for each path form). */
export interface Route<Op extends OperationId> {
  /** Types the result as the spec's 200 body of this operation, and picks the check of its `data`. */
  operation: Op;
  /** Whether a failed attempt may be sent again depends on it (retry.ts). */
  method: "GET" | "POST" | "PATCH" | "DELETE";
  call: RawCall;
}

export interface SenderConfig {
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  /** Strings that must never appear in an error message or body (the API token). */
  secrets: readonly string[];
  /** The path form the client calls; error advice depends on it (errors.ts). */
  pathForm: PathForm;
}

export type Sender = <Op extends OperationId>(
  route: Route<Op>,
  options: RequestOptions | undefined,
) => Promise<ResponseBody<Op, 200>["data"]>;

export function createSender(config: SenderConfig): Sender {
  return async ({ operation, method, call }, rawOptions) => {
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
    for (let attempt = 0; ; attempt++) {
      let error: WebhooksApiError;
      try {
        // The generic ties the unchecked JSON to the spec's 200 body for this operation.
        return (await attemptOnce(operation, call, config, timeoutMs, signal)) as never;
      } catch (thrown) {
        if (!(thrown instanceof WebhooksApiError)) throw thrown;
        error = thrown;
      }
      if (!shouldRetry({ method, attempt, maxRetries, error })) throw error;
      await sleep(retryDelay({ attempt, retryAfter: error.headers?.get("retry-after") }), signal);
    }
  };
}

async function attemptOnce(
  operation: OperationId,
  call: RawCall,
  config: SenderConfig,
  timeoutMs: number,
  signal: AbortSignal | undefined,
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
  let result: RawResult;
  try {
    result = await untilAborted(call({ signal: controller.signal, parseAs: "text" }), controller.signal);
  } catch (cause) {
    if (signal?.aborted) throw userAbort(signal);
    if (timedOut) {
      throw new TimeoutError(
        `Mailtrap did not answer within ${timeoutMs} ms. Raise timeoutMs, or check the network and baseUrl.`,
        { cause },
      );
    }
    throw new ConnectionError(
      `Could not reach ${config.baseUrl}: ${scrub(describeCause(cause), config.secrets)}. Check the network and baseUrl.`,
      { cause },
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
  const { response } = result;
  if (!response.ok) throw errorFromResponse(response, result.error, config);
  return unwrap(operation, response, result.data, config.secrets);
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

type DataCheck = [check: (data: unknown) => boolean, expected: string];

const A_WEBHOOK: DataCheck = [isObject, "a webhook"];

/**
 * The least each operation's `data` must be before it is handed out under the spec's type,
 * so a wrong body fails here with a clear error rather than later in the caller's code.
 * Fields are not checked: past the five every webhook has, each applies to some types only.
 * One entry per method, shared by its two path forms.
 */
const DATA_CHECKS: Record<OperationId, DataCheck> = {
  ...forBothForms("list", [(data) => Array.isArray(data) && data.every(isObject), "a list of webhooks"]),
  ...forBothForms("create", [
    (data) => isObject(data) && typeof data.signing_secret === "string",
    "a webhook with its signing_secret",
  ]),
  ...forBothForms("get", A_WEBHOOK),
  ...forBothForms("update", A_WEBHOOK),
  ...forBothForms("delete", A_WEBHOOK),
};

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
  const init = () => ({ status, headers, body: clipText(scrub(text ?? "", secrets)) });
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
  const [check, expected] = DATA_CHECKS[operation];
  if (!check(parsed.data)) {
    throw new InvalidResponseError(
      `Mailtrap answered ${status} with "data" that is not ${expected}. Check that baseUrl points at the Mailtrap API.`,
      init(),
    );
  }
  return parsed.data;
}

function userAbort(signal: AbortSignal): UserAbortError {
  return new UserAbortError("The call was cancelled by its AbortSignal and was not retried.", {
    cause: signal.reason,
  });
}

/** `fetch failed (ECONNRESET)`: the runtime's words plus the system error code when there is one. */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause.cause as { code?: unknown } | undefined)?.code ?? (cause as { code?: unknown }).code;
  return typeof code === "string" ? `${cause.message} (${code})` : cause.message;
}

/** Waits `ms`, or rejects at once with a UserAbortError when the caller aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(userAbort(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(userAbort(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
