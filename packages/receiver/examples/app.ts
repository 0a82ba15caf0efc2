// Not a README recipe: stands in for your application's own code, which the recipes import,
// so every recipe is complete and type-checks. Replace with your database, queue and APIs.
import type { ParsedEvent } from "@mailtrap-webhooks/receiver";

export const stored: ParsedEvent[] = [];
export const suppressed: string[] = [];
export const fetched: string[] = [];

/** Stores events (e.g. one database transaction). Give `signal` to your database or fetch calls. */
export async function store(events: ParsedEvent[], signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  stored.push(...events);
}

/** Whether an event_id was already stored by an earlier delivery. */
export async function isStored(eventId: string): Promise<boolean> {
  return stored.some(({ event }) => (event as { event_id?: string }).event_id === eventId);
}

/** Adds an address to your suppression list. */
export async function suppress(email: string, reason: string): Promise<void> {
  suppressed.push(`${email} (${reason})`);
}

/** Fetches an inbound message with Mailtrap's inbound messages API. */
export async function fetchInboundMessage(inboxId: number | undefined, messageId: string): Promise<void> {
  fetched.push(`${inboxId}/${messageId}`);
}
