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
  /** Whether `id` is to be processed by this delivery (claimed now, or repeated in the batch). */
  readonly mine: (id: string) => boolean;
  /** Releases this delivery's ids and tells waiters how it went. Call once processing settled. */
  release(processed: boolean): void;
}

export class InFlight {
  readonly #owners = new Map<string, Promise<boolean>>();

  /** Claims every free id in `ids` at once, synchronously; `ids` may repeat. */
  claim(ids: readonly string[]): Claim {
    let settle!: (processed: boolean) => void;
    const done = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    const owners = this.#owners;
    const waits = new Set<Promise<boolean>>();
    const claimed: string[] = [];
    for (const id of ids) {
      const owner = owners.get(id);
      if (owner === undefined) {
        owners.set(id, done);
        claimed.push(id);
      } else if (owner !== done) waits.add(owner);
    }
    return {
      waits,
      mine: (id) => owners.get(id) === done,
      release(processed) {
        for (const id of claimed) if (owners.get(id) === done) owners.delete(id);
        settle(processed);
      },
    };
  }
}
