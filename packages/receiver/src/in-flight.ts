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

/** A delivery holding ids: the ids it claimed, and whether it processed them, once settled. */
interface Owner {
  readonly ids: ReadonlySet<string>;
  readonly done: Promise<boolean>;
}

export class InFlight {
  // Each delivery keeps its own set of ids, which it needs anyway to drop repeats within its
  // batch; releasing forgets the whole set at once instead of deleting id by id. Deliveries
  // rarely overlap, so looking an id up in every other owner's set is usually no lookup at all.
  readonly #owners = new Set<Owner>();

  /** Claims every free id in `ids` at once, synchronously; `ids` may repeat or have gaps. */
  claim(ids: readonly (string | undefined)[]): Claim {
    let settle!: (processed: boolean) => void;
    const done = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    const others = [...this.#owners];
    const claimed = new Set<string>();
    const waits = new Set<Promise<boolean>>();
    const keep: boolean[] = new Array(ids.length);
    for (let index = 0; index < ids.length; index++) {
      const id = ids[index];
      if (id === undefined) {
        keep[index] = true;
        continue;
      }
      const owner = others.length === 0 ? undefined : others.find((other) => other.ids.has(id));
      if (owner !== undefined) {
        keep[index] = false;
        waits.add(owner.done);
        continue;
      }
      // Kept only if new to the set: a repeat within the batch is delivered once.
      const size = claimed.size;
      keep[index] = claimed.add(id).size > size;
    }
    const self: Owner = { ids: claimed, done };
    this.#owners.add(self);
    return {
      waits,
      keep,
      release: (processed) => {
        this.#owners.delete(self);
        settle(processed);
      },
    };
  }
}
