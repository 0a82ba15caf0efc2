// Compile-time tests of the curated export list: `pnpm typecheck` fails if a generator helper
// becomes importable again (each @ts-expect-error must meet an error).
import * as types from "../src/index.js";

// @ts-expect-error openapi-typescript's $defs placeholder is internal
export type Defs = types.$defs;
// @ts-expect-error root aliases of responses and parameters are not exported
export type ListResponse = types.ResponseWebhookList;
// @ts-expect-error single-value lists of discriminators are not exported
export const discriminators = types.createEmailSendingWebhookWebhook_typeValues;

// The enum lists are typed by the spec's names, not by a helper type.
export const webhookTypes: readonly types.WebhookType[] = types.webhookTypeValues;
// @ts-expect-error the lists are read-only
types.webhookTypeValues.push("audit_log");

// SendingEventOf picks the named event type.
export const bounce: types.BounceEvent = null as unknown as types.SendingEventOf<"bounce">;
