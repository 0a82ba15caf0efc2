/**
 * The delivery core: transport-neutral, over plain data. A delivery's method and headers go
 * in, its body follows chunk by chunk (the HMAC is updated as each chunk arrives), and an
 * Answer comes out. Adapters (handler.ts for Fetch, node/ for node:http) only translate.
 */

import type { PayloadFormat } from "@mailtrap-webhooks/types";
import { type Answer, answers, unparsable } from "./answers.js";
import { bodyReadError, InvalidArgumentError } from "./errors.js";
import { InFlight } from "./in-flight.js";
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  type DeliveryContext,
  type WebhookHandlerOptions,
} from "./options.js";
import { formatFromContentType, type ParsedEvent, parseEvents } from "./parse.js";
import { platform } from "./platform/current.js";
import type { StreamingMac } from "./platform/types.js";
import { normalizeSecrets, signatureBytes } from "./verify.js";

/** A delivery before its body: the method and the headers, names in lower case. */
export interface DeliveryHead {
  readonly method?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** What the adapter knows beyond the bytes. */
export interface DeliveryEnvironment {
  /** Builds the `Request` for `context.request`; called only if a callback reads it. */
  readonly request: () => Request;
}

export interface WebhookCore {
  /** The early answer (405, 400, 415, 413 by Content-Length, 401 for a malformed signature) or a Reception. */
  begin(head: DeliveryHead): Answer | Reception;
  /** A whole delivery at once, e.g. a body `express.raw()` already read. */
  handle(head: DeliveryHead, body: Uint8Array, environment: DeliveryEnvironment): Promise<Answer>;
}

const first = (value: string | readonly string[] | undefined) =>
  typeof value === "string" ? value : value?.[0];

interface Settings {
  readonly secrets: readonly string[];
  readonly limit: number;
  readonly timeoutMs: number;
  readonly options: WebhookHandlerOptions;
  readonly report: (error: unknown, context: DeliveryContext) => void | Promise<void>;
  readonly inFlight: InFlight;
}

/**
 * An early answer rather than a Reception. Not instanceof: the ESM and CJS builds each have
 * their own Reception class, and a handler made by one may be served by the other's adapter.
 */
export const isAnswer = (value: Answer | Reception): value is Answer => "status" in value;

/** One delivery's body on its way in. */
export class Reception {
  readonly #settings: Settings;
  readonly #format: PayloadFormat;
  readonly #expected: Uint8Array;
  readonly #mac: StreamingMac;
  #chunks: Uint8Array[] = [];
  #size = 0;
  #stop: ((answer: Answer) => void) | undefined;
  #controller: AbortController | undefined;
  #abortReason: unknown;

  constructor(settings: Settings, format: PayloadFormat, expected: Uint8Array) {
    this.#settings = settings;
    this.#format = format;
    this.#expected = expected;
    this.#mac = platform.startMac(settings.secrets);
  }

  /** Adds a chunk. False once the body is over the limit: answer `answers.tooLarge` and stop reading. */
  push(chunk: Uint8Array): boolean {
    this.#size += chunk.byteLength;
    if (this.#size > this.#settings.limit) return false;
    this.#mac.update(chunk);
    this.#chunks.push(chunk);
    return true;
  }

  /** The sender went away: abort the context's signal and stop waiting for the callbacks. */
  disconnected(): void {
    this.#abort(new DOMException("The sender disconnected.", "AbortError"), answers.disconnected);
  }

  /**
   * Something read the body before the adapter (a body parser, a middleware): its exact bytes
   * are gone, so the delivery cannot be checked. Reported like a failing onEvents, and answered
   * 500 so that Mailtrap retries once the setup is fixed.
   */
  bodyAlreadyRead(environment: DeliveryEnvironment, advice: string): Answer {
    this.#tell(bodyReadError(advice), this.#context(environment));
    return answers.bodyAlreadyRead;
  }

  /** The body is complete: check the signature, parse, process. */
  async finish(environment: DeliveryEnvironment): Promise<Answer> {
    if (!(await this.#mac.matches(this.#expected, () => this.#body()))) return answers.badSignature;
    let events: ParsedEvent[];
    try {
      events = parseEvents(this.#body(), { format: this.#format });
    } catch (error) {
      return unparsable((error as Error).message);
    }
    this.#chunks = [];
    return this.#process(events, environment);
  }

  #body(): Uint8Array {
    const chunks = this.#chunks;
    if (chunks.length === 1) return chunks[0] as Uint8Array;
    const body = platform.concat(chunks, this.#size);
    this.#chunks = [body];
    return body;
  }

  #abort(reason: unknown, answer: Answer): void {
    if (this.#abortReason !== undefined) return;
    this.#abortReason = reason;
    this.#controller?.abort(reason);
    this.#stop?.(answer);
  }

  #context(environment: DeliveryEnvironment): DeliveryContext {
    let request: Request | undefined;
    const reception = this;
    return {
      get request() {
        request ??= environment.request();
        return request;
      },
      // Made on first use: most callbacks never look, and an AbortSignal is not free on Node 20.
      get signal() {
        if (!reception.#controller) {
          reception.#controller = new AbortController();
          if (reception.#abortReason !== undefined) reception.#controller.abort(reception.#abortReason);
        }
        return reception.#controller.signal;
      },
    };
  }

  async #process(events: ParsedEvent[], environment: DeliveryEnvironment): Promise<Answer> {
    const { options, timeoutMs } = this.#settings;
    const context = this.#context(environment);
    const ids = events.map(({ event }) => {
      const id = (event as { event_id?: unknown }).event_id;
      return typeof id === "string" ? id : undefined;
    });
    const claim = this.#settings.inFlight.claim(ids);
    // Told when the timer fires; an onEvents that then rejects with the signal's reason is not told again.
    let timeout: DOMException | undefined;

    const run = async (): Promise<Answer> => {
      // Proceeding means every overlapping owner processed its ids, so the ids it held are dropped.
      if (claim.waits.size > 0 && (await Promise.all(claim.waits)).includes(false))
        return answers.overlapFailed;
      // An event_id repeated within the batch is delivered once; `seen` is asked one id at a
      // time, in order.
      const { keep } = claim;
      const { seen } = options;
      let fresh = events;
      if (seen || keep.includes(false)) {
        fresh = [];
        for (let index = 0; index < events.length; index++) {
          if (!keep[index]) continue;
          const id = ids[index];
          if (seen && id !== undefined && (await seen(id))) continue;
          fresh.push(events[index] as ParsedEvent);
        }
      }
      if (fresh.length > 0) await options.onEvents(fresh, context);
      return answers.ok;
    };
    // Claims are held until the callbacks settle, even after a timeout answered: an overlapping
    // delivery must not process the same ids while onEvents still runs.
    const work = run().then(
      (answer) => {
        claim.release(answer === answers.ok);
        return answer;
      },
      (error: unknown) => {
        claim.release(false);
        if (error !== timeout) this.#tell(error, context);
        return answers.failed;
      },
    );

    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopped = new Promise<Answer>((resolve) => {
      this.#stop = resolve;
    });
    if (this.#abortReason !== undefined) this.#stop?.(answers.disconnected);
    if (timeoutMs !== Number.POSITIVE_INFINITY) {
      timer = setTimeout(() => {
        timeout = new DOMException(
          `Mailtrap webhook: seen/onEvents ran past timeoutMs (${timeoutMs} ms); answering 503 so Mailtrap retries.`,
          "TimeoutError",
        );
        this.#abort(timeout, answers.timedOut);
        this.#tell(timeout, context);
      }, timeoutMs);
    }
    try {
      return await Promise.race([work, stopped]);
    } finally {
      clearTimeout(timer);
      this.#stop = undefined;
    }
  }

  // A failing onError must not turn the answer into a crash or an unhandled rejection.
  #tell(error: unknown, context: DeliveryContext): void {
    try {
      void Promise.resolve(this.#settings.report(error, context)).catch(() => {});
    } catch {
      // onError threw synchronously: ignored.
    }
  }
}

/** The core for one webhook's options. Throws an InvalidArgumentError at startup for bad configuration. */
export function createWebhookCore(options: WebhookHandlerOptions): WebhookCore {
  // Fail at startup, not on the first delivery, when the secret is missing.
  const secrets = normalizeSecrets(options.secrets ?? options.secret);
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!(limit >= 0)) {
    throw new InvalidArgumentError(
      "maxBodyBytes",
      "createWebhookHandler: maxBodyBytes must be a non-negative number.",
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0) || (timeoutMs > 2 ** 31 - 1 && timeoutMs !== Number.POSITIVE_INFINITY)) {
    throw new InvalidArgumentError(
      "timeoutMs",
      "createWebhookHandler: timeoutMs must be a positive number of milliseconds (at most 2147483647), or Infinity.",
    );
  }
  const report =
    options.onError ??
    ((error: unknown) =>
      console.error("Mailtrap webhook: onEvents or seen failed; answering 5xx so Mailtrap retries.", error));
  const settings: Settings = { secrets, limit, timeoutMs, options, report, inFlight: new InFlight() };

  const begin = (head: DeliveryHead): Answer | Reception => {
    if (head.method !== "POST") return answers.notPost;
    const { headers } = head;
    // Mailtrap-Signature wins when both are present: it is the spec's name.
    const signature =
      first(headers["mailtrap-signature"])?.trim() || first(headers["x-mailtrap-signature"])?.trim();
    // Checked before the content type: a request with neither is missing its signature (400).
    if (!signature) return answers.noSignature;
    const format = formatFromContentType(first(headers["content-type"]));
    if (!format) return answers.unsupportedType;
    if (Number(first(headers["content-length"]) ?? Number.NaN) > limit) return answers.tooLarge;
    const expected = signatureBytes(signature);
    // Malformed: no body can match it, so there is nothing to read.
    if (!expected) return answers.badSignature;
    return new Reception(settings, format, expected);
  };

  return {
    begin,
    async handle(head, body, environment) {
      const reception = begin(head);
      if (isAnswer(reception)) return reception;
      if (!reception.push(body)) return answers.tooLarge;
      return reception.finish(environment);
    },
  };
}
