/**
 * A local Mailtrap: the Webhooks API with state (webhooks in memory per account, signing
 * secrets, 401/403/404/422/429 computed from the request) that also delivers signed events to
 * the webhooks created on it, retrying failures on Mailtrap's schedule. No Prism involved.
 */
import type { AddressInfo } from "node:net";
import type { DeliveryKind } from "@mailtrap-webhooks/spec";
import type { WebhookEvent } from "@mailtrap-webhooks/types";
import { InvalidArgumentError, ListenError } from "./errors.js";
import { defaultAccountId, type SimulatorAccount, tokenAccounts } from "./simulator/accounts.js";
import { type Answer, errorAnswer } from "./simulator/answers.js";
import { createDeliveryEngine, type DeliveryAttempt } from "./simulator/deliveries.js";
import { fanOut, webhookTypeOfKind } from "./simulator/fan-out.js";
import { createManagementServer } from "./simulator/http.js";
import { mailtrapRateLimit, type RateLimit } from "./simulator/rate-limit.js";
import { createWebhookStore, type SimulatedWebhook } from "./simulator/store.js";
import { maxTimerMs } from "./timers.js";

export type { SimulatorAccount } from "./simulator/accounts.js";
export { type DeliveryAttempt, describeAttempt } from "./simulator/deliveries.js";
export type { RateLimit } from "./simulator/rate-limit.js";
export type { SimulatedWebhook } from "./simulator/store.js";

export interface SimulatorOptions {
  /** Port to listen on. Default 0: the operating system picks a free one. */
  port?: number;
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string;
  /**
   * Accounts and their API tokens. Default: any non-empty token is account 1. When given, other
   * tokens answer 401, and a token used on another account's path answers 403.
   */
  accounts?: readonly SimulatorAccount[];
  /** Requests allowed per token and window before 429. Default Mailtrap's, 150 per 10 s; `false` for none. */
  rateLimit?: RateLimit | false;
  /**
   * Multiplies every retry delay: 1 is real time (5 minutes between sending retries), 0.0001
   * makes 5 minutes 30 ms. Default 1.
   */
  timeScale?: number;
  /** How long a receiver has to answer a delivery, in milliseconds. Not scaled. Default 30 000, as Mailtrap. */
  answerTimeoutMs?: number;
  /** Largest management request body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Called after every delivery attempt, e.g. to log it. */
  onDelivery?: (attempt: DeliveryAttempt) => void;
  /** The fetch deliveries go through. Default the global one. */
  fetch?: typeof fetch;
}

export interface EmitOptions {
  /** The account whose webhooks receive the events. Default account 1, or the first of `accounts`. */
  accountId?: number;
  /**
   * What the events are. Default: told per event (inbound and audit-log events by their shape,
   * anything else is a sending event). Name `campaigns` for campaign events, which look the same.
   */
  kind?: DeliveryKind;
}

export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:41235`; pass it as the client's `baseUrl`. */
  readonly url: string;
  /**
   * Sends events as Mailtrap would: to every active webhook of the account that subscribes to
   * them, in batches of at most 500, signed, in the webhook's payload format. Resolves with the
   * first attempt of each batch once each is answered; retries follow on the scaled schedule.
   */
  emit(events: readonly WebhookEvent[], options?: EmitOptions): Promise<DeliveryAttempt[]>;
  /** Every delivery attempt so far, oldest first (a live view). */
  readonly deliveries: readonly DeliveryAttempt[];
  /** The stored webhooks with their signing secrets and accounts, of one account or all; copies. */
  webhooks(accountId?: number): SimulatedWebhook[];
  /** Resolves when no delivery is in flight and no retry is scheduled. */
  idle(): Promise<void>;
  /** Stops serving, cancels scheduled retries and aborts deliveries in flight. Safe to call twice. */
  close(): Promise<void>;
}

const defaultAnswerTimeoutMs = 30_000;
const defaultMaxBodyBytes = 1024 * 1024;

function check(condition: boolean, field: string, message: string): void {
  if (!condition) throw new InvalidArgumentError(field, message);
}

/**
 * `POST /simulator/emit` with `{"events": [...], "kind"?: "campaigns", "account_id"?: 1}`: the
 * same as `emit()`, for processes that do not hold the simulator object (e.g. the CLI's users).
 */
async function emitOverHttp(body: unknown, emit: Simulator["emit"]): Promise<Answer> {
  const { events, kind, account_id: accountId } = (body ?? {}) as Record<string, unknown>;
  if (!Array.isArray(events))
    return errorAnswer(422, 'Send {"events": [...]}, optionally with "kind" and "account_id".');
  try {
    const attempts = await emit(events as WebhookEvent[], {
      ...(typeof kind === "string" ? { kind: kind as DeliveryKind } : {}),
      ...(typeof accountId === "number" ? { accountId } : {}),
    });
    return {
      status: 200,
      body: {
        data: attempts.map(({ batchId, webhookId, attempt, status, ok, error }) => ({
          batch_id: batchId,
          webhook_id: webhookId,
          attempt,
          status: status ?? null,
          ok,
          ...(error === undefined ? {} : { error }),
        })),
      },
    };
  } catch (error) {
    return errorAnswer(422, error instanceof Error ? error.message : String(error));
  }
}

/** Starts the simulator and resolves once it accepts connections. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const {
    port = 0,
    host = "127.0.0.1",
    timeScale = 1,
    answerTimeoutMs = defaultAnswerTimeoutMs,
    maxBodyBytes = defaultMaxBodyBytes,
  } = options;
  check(Number.isInteger(port) && port >= 0 && port <= 65535, "port", `port must be 0..65535, got ${port}`);
  check(
    Number.isFinite(timeScale) && timeScale >= 0,
    "timeScale",
    `timeScale must be a number ≥ 0, got ${timeScale}`,
  );
  check(
    Number.isInteger(answerTimeoutMs) && answerTimeoutMs > 0 && answerTimeoutMs <= maxTimerMs,
    "answerTimeoutMs",
    `answerTimeoutMs must be a whole number from 1 to ${maxTimerMs}, got ${answerTimeoutMs}`,
  );
  check(
    Number.isInteger(maxBodyBytes) && maxBodyBytes > 0,
    "maxBodyBytes",
    `maxBodyBytes must be a positive whole number, got ${maxBodyBytes}`,
  );
  const rateLimit = options.rateLimit ?? mailtrapRateLimit;
  if (rateLimit !== false) {
    check(
      Number.isInteger(rateLimit.requests) && rateLimit.requests > 0 && rateLimit.windowMs > 0,
      "rateLimit",
      `rateLimit needs requests (a positive whole number) and windowMs (> 0), got ${JSON.stringify(rateLimit)}`,
    );
  }
  const accounts = tokenAccounts(options.accounts);
  const defaultAccount = options.accounts?.[0]?.id ?? defaultAccountId;

  const store = createWebhookStore();
  const engine = createDeliveryEngine({
    store,
    timeScale,
    answerTimeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.onDelivery ? { onAttempt: options.onDelivery } : {}),
  });
  let closing: Promise<void> | undefined;
  const emit = async (events: readonly WebhookEvent[], emitOptions: EmitOptions = {}) => {
    if (!Array.isArray(events))
      throw new InvalidArgumentError("events", "emit: events must be an array of events");
    const notAnEvent = events.findIndex(
      (event) => typeof event !== "object" || event === null || Array.isArray(event),
    );
    if (notAnEvent >= 0)
      throw new InvalidArgumentError("events", `emit: events[${notAnEvent}] must be an event object`);
    const { accountId = defaultAccount, kind } = emitOptions;
    if (kind !== undefined && !(kind in webhookTypeOfKind)) {
      throw new InvalidArgumentError(
        "kind",
        `emit: kind must be one of ${Object.keys(webhookTypeOfKind).join(", ")}, got ${kind}`,
      );
    }
    if (closing) throw new Error("emit: the simulator is closed");
    return engine.send(fanOut(events, store.all(accountId), kind));
  };
  const server = createManagementServer(
    { store, accounts, rateLimit, recentByToken: new Map(), now: Date.now },
    maxBodyBytes,
    (body) => emitOverHttp(body, emit),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw new ListenError(
      `The simulator could not listen on ${host}:${port}: ${error.message}. Pick another port, or 0 for a free one.`,
      error.code,
      { cause: error },
    );
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(":") ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url,
    deliveries: engine.log,
    webhooks: (accountId) => store.all(accountId),
    idle: () => engine.idle(),
    emit,
    close: () => {
      closing ??= (async () => {
        await engine.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
