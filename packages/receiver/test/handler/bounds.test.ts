// The time bound and overlapping retries, on the Fetch handler (the core every adapter shares).
import type { WebhookEvent } from "@mailtrap-webhooks/types";
import { describe, expect, it } from "vitest";
import { createWebhookHandler } from "../../src/handler.js";
import type { ParsedEvent } from "../../src/parse.js";
import { createTestDelivery } from "../../src/testing.js";
import { knownAnswer } from "../fixtures.js";
import { example } from "../spec.js";

const { secret } = knownAnswer;
const withId = (event_id: string) => ({ ...example("DeliveryEvent"), event_id }) as WebhookEvent;
const idsOf = (batch: ParsedEvent[]) => batch.map(({ event }) => (event as { event_id?: string }).event_id);
const deliver = (handler: (request: Request) => Promise<Response>, ids: string[]) =>
  createTestDelivery(ids.map(withId), { secret }).then(handler);

// A promise and the function that settles it, for holding onEvents open until the test says so.
function gate() {
  let open!: (fail?: boolean) => void;
  const opened = new Promise<boolean>((resolve) => {
    open = (fail = false) => resolve(fail);
  });
  return { open, opened };
}

// Whether `promise` has settled once pending callbacks and a macrotask ran.
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  return done;
}

describe("timeoutMs", () => {
  // A 50 ms limit, onEvents ending as `onAbort` says once its signal aborts, and what onError heard.
  function timingOut(
    onAbort: (signal: AbortSignal, resolve: () => void, reject: (reason: unknown) => void) => void,
  ) {
    const errors: unknown[] = [];
    const handler = createWebhookHandler({
      secret,
      timeoutMs: 50,
      onError: (error) => {
        errors.push(error);
      },
      onEvents: (_events, { signal }) =>
        new Promise<void>((resolve, reject) => {
          signal.addEventListener("abort", () => onAbort(signal, resolve, reject));
        }),
    });
    return { handler, errors };
  }

  it("answers 503 and aborts context.signal with a TimeoutError when onEvents runs past it", async () => {
    let reason: unknown;
    const { handler, errors } = timingOut((signal, resolve) => {
      reason = signal.reason;
      resolve();
    });
    const response = await deliver(handler, ["slow"]);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("took too long");
    expect((reason as DOMException | undefined)?.name).toBe("TimeoutError");
    expect(errors.map((error) => (error as Error).name)).toEqual(["TimeoutError"]);
  });

  // onEvents that follows the README's advice rejects with the signal's reason; the timeout
  // was already reported when it fired, and is not reported twice.
  it("reports a timeout once when onEvents rejects with the signal's reason", async () => {
    const { handler, errors } = timingOut((signal, _resolve, reject) => reject(signal.reason));
    expect((await deliver(handler, ["slow"])).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors.map((error) => (error as Error).name)).toEqual(["TimeoutError"]);
  });

  it("bounds a hanging seen() too", async () => {
    const handler = createWebhookHandler({
      secret,
      timeoutMs: 50,
      onError: () => {},
      seen: () => new Promise<boolean>(() => {}),
      onEvents: () => {},
    });
    expect((await deliver(handler, ["a"])).status).toBe(503);
  });

  it("defaults to 25 s, under the 30 s Mailtrap waits, and refuses nonsense at startup", async () => {
    const { DEFAULT_TIMEOUT_MS } = await import("../../src/handler.js");
    expect(DEFAULT_TIMEOUT_MS).toBe(25_000);
    for (const timeoutMs of [0, -1, Number.NaN, 2 ** 31]) {
      expect(() => createWebhookHandler({ secret, timeoutMs, onEvents: () => {} })).toThrow(/timeoutMs/);
    }
  });
});

describe("overlapping deliveries of the same event_id", () => {
  // onEvents records its ids and holds until the test releases that call (or fails it).
  function setup() {
    const calls: (string | undefined)[][] = [];
    const holds: ReturnType<typeof gate>[] = [];
    let entered = gate();
    const handler = createWebhookHandler({
      secret,
      onError: () => {},
      onEvents: async (batch) => {
        const hold = gate();
        holds.push(hold);
        calls.push(idsOf(batch));
        entered.open();
        if (await hold.opened) throw new Error("database down");
      },
    });
    return {
      handler,
      calls,
      /** Resolves once onEvents has been called (again). */
      async entered() {
        await entered.opened;
        entered = gate();
      },
      release: (call: number, fail = false) => holds[call]?.open(fail),
    };
  }

  it("waits for the first delivery and processes each id once when it succeeds", async () => {
    const receiver = setup();
    const first = deliver(receiver.handler, ["a"]);
    await receiver.entered();
    // A retry of the same event, plus one the first did not carry.
    const second = deliver(receiver.handler, ["a", "b"]);
    expect(await settled(second)).toBe(false);
    receiver.release(0);
    expect((await first).status).toBe(200);
    await receiver.entered();
    receiver.release(1);
    expect((await second).status).toBe(200);
    expect(receiver.calls).toEqual([["a"], ["b"]]);
  });

  it("answers 503 to the waiting delivery when the first fails, and a later retry processes everything", async () => {
    const receiver = setup();
    const first = deliver(receiver.handler, ["a"]);
    await receiver.entered();
    const second = deliver(receiver.handler, ["a", "b"]);
    expect(await settled(second)).toBe(false);
    receiver.release(0, true);
    expect((await first).status).toBe(500);
    const waited = await second;
    expect(waited.status).toBe(503);
    expect(await waited.text()).toContain("overlapping delivery");
    expect(receiver.calls).toEqual([["a"]]);

    // Nothing lost: Mailtrap retries, and the retry processes both ids.
    const retry = deliver(receiver.handler, ["a", "b"]);
    await receiver.entered();
    receiver.release(1);
    expect((await retry).status).toBe(200);
    expect(receiver.calls).toEqual([["a"], ["a", "b"]]);
  });

  it("makes a third delivery wait for the ids a waiting delivery claimed", async () => {
    const receiver = setup();
    const first = deliver(receiver.handler, ["a"]);
    await receiver.entered();
    // The second waits for "a" and owns "b" meanwhile; the third finds "b" taken by the second.
    const second = deliver(receiver.handler, ["a", "b"]);
    const third = deliver(receiver.handler, ["b", "c"]);
    expect(await settled(third)).toBe(false);
    receiver.release(0);
    expect((await first).status).toBe(200);
    await receiver.entered();
    expect(await settled(third)).toBe(false);
    receiver.release(1);
    expect((await second).status).toBe(200);
    await receiver.entered();
    receiver.release(2);
    expect((await third).status).toBe(200);
    expect(receiver.calls).toEqual([["a"], ["b"], ["c"]]);
  });

  it("does not make deliveries of different ids wait for each other", async () => {
    const receiver = setup();
    const first = deliver(receiver.handler, ["a"]);
    await receiver.entered();
    const other = deliver(receiver.handler, ["c"]);
    await receiver.entered();
    expect(receiver.calls).toEqual([["a"], ["c"]]);
    receiver.release(1);
    expect((await other).status).toBe(200);
    expect(await settled(first)).toBe(false);
    receiver.release(0);
    expect((await first).status).toBe(200);
  });
});
