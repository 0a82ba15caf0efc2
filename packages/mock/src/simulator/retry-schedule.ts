/**
 * Mailtrap's retry policy per webhook type, as plain data: how long after a failed attempt the
 * next one goes out, and what happens when the attempts run out. Real-time milliseconds; the
 * simulator multiplies them by its time scale.
 */
import type { WebhookType } from "@mailtrap-webhooks/types";

export interface RetryPolicy {
  /** Delay before each retry, in order: `delaysMs[0]` follows the first failed attempt. */
  readonly delaysMs: readonly number[];
  /** Whether the webhook is deactivated (`active: false`) when the last retry fails too. */
  readonly deactivateWhenExhausted: boolean;
}

const minute = 60_000;
const day = 24 * 60 * minute;

/** Sending-side webhooks: 40 retries, 5 minutes apart. */
const sendingRetries = 40;
const sendingInterval = 5 * minute;

/** Inbound: up to 10 attempts (9 retries), each delay double the last, 24 h in all. */
const inboundAttempts = 10;

export function inboundDelaysMs(attempts = inboundAttempts, totalMs = day): number[] {
  const retries = attempts - 1;
  // base × (2^0 + 2^1 + … + 2^(retries-1)) = base × (2^retries − 1) = totalMs
  const base = totalMs / (2 ** retries - 1);
  return Array.from({ length: retries }, (_, n) => Math.round(base * 2 ** n));
}

/** The policy Mailtrap applies to a webhook of `type`. */
export function retryPolicy(type: WebhookType): RetryPolicy {
  if (type === "inbound_receiving") {
    return { delaysMs: inboundDelaysMs(), deactivateWhenExhausted: false };
  }
  return {
    delaysMs: Array.from({ length: sendingRetries }, () => sendingInterval),
    // Mailtrap documents the pause for email sending webhooks only.
    deactivateWhenExhausted: type === "email_sending",
  };
}

/** The delay before the attempt after `attempt` (1-based), or undefined when none follows. */
export function nextDelayMs(policy: RetryPolicy, attempt: number): number | undefined {
  return policy.delaysMs[attempt - 1];
}
