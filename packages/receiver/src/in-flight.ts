/**
 * Overlapping deliveries of the same events (a retry that arrives while the first attempt is
 * still in `onEvents`). Each event_id has at most one owner at a time, per handler. A later
 * delivery does not process an id someone owns: it waits for the owner, then drops the id if
 * the owner succeeded, or answers 503 if it failed (the owner answered 5xx too, so Mailtrap
 * retries both batches). A delivery only waits for owners that claimed before it, so waits
 * never form a cycle.
 */
export interface Claim {
  /** Owners of ids this delivery found taken: each resolves true when it processed them. */
  readonly waits: ReadonlySet<Promise<boolean>>;
  /**
   * Per position in `ids`: whether this delivery is to process that event. False for an id
   * another delivery owns (processed by it if every wait resolves true) and for a repeat of
   * an id earlier in the batch; true for ids this delivery claimed and for events without one.
   */
  readonly keep: readonly boolean[];
  /** Releases this delivery's ids and tells waiters how it went. Call once processing settled. */
  release(processed: boolean): void;
}

export class InFlight {
  readonly #owners = new Map<string, Promise<boolean>>();

  /** Claims every free id in `ids` at once, synchronously; `ids` may repeat or have gaps. */
  claim(ids: readonly (string | undefined)[]): Claim {
    let settle!: (processed: boolean) => void;
    const done = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    const owners = this.#owners;
    const waits = new Set<Promise<boolean>>();
    const claimed: string[] = [];
    const keep: boolean[] = new Array(ids.length);
    for (let index = 0; index < ids.length; index++) {
      const id = ids[index];
      if (id === undefined) {
        keep[index] = true;
        continue;
      }
      const owner = owners.get(id);
      keep[index] = owner === undefined;
      if (owner === undefined) {
        owners.set(id, done);
        claimed.push(id);
      } else if (owner !== done) waits.add(owner);
    }
    return {
      waits,
      keep,
      release(processed) {
        // Only this delivery sets an id it claimed, and nobody replaces an owner: delete as is.
        for (const id of claimed) owners.delete(id);
        settle(processed);
      },
    };
  }
}
