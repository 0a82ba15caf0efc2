// Compile-time tests: `pnpm typecheck` fails if a call the types should refuse compiles
// (each @ts-expect-error must meet an error) or a right one does not.
import {
  type ClientOptions,
  createWebhooksClient,
  type Fetch,
  type Logger,
  ResponseTooLargeError,
  type UpdateWebhookParams,
  type WebhooksApiError,
} from "../../src/index.js";

const client = createWebhooksClient({ apiToken: "t" });

// ── update needs at least one field ─────────────────────────────────────────
export const fine = () => [
  client.update(1, { active: false }),
  client.update(1, { url: "https://example.com", event_types: ["bounce"] }),
  client.update(1, { inbound_inbox_id: 3 }),
];
export const refused = () => [
  // @ts-expect-error an empty update changes nothing
  client.update(1, {}),
  // @ts-expect-error undefined is no change either
  client.update(1, { active: undefined }),
  // @ts-expect-error webhook_type is fixed after creation
  client.update(1, { active: true, webhook_type: "campaigns" }),
];
export const params: UpdateWebhookParams = { payload_format: "jsonlines" };

// ── logging and limits ──────────────────────────────────────────────────────
export const quiet: ClientOptions = { apiToken: "t", logLevel: "off", maxResponseBytes: 1024 };
// @ts-expect-error not a level
export const loud: ClientOptions = { apiToken: "t", logLevel: "verbose" };
// @ts-expect-error a logger needs all four methods
export const halfLogger: Logger = { info: () => {} };
export const pinoLike: Logger = { error() {}, warn() {}, info() {}, debug() {} };

export const tooLarge: WebhooksApiError = new ResponseTooLargeError("x");

// ── a custom fetch is called like the global one ────────────────────────────
export const globalFetch: ClientOptions = { apiToken: "t", fetch: globalThis.fetch };
export const wrapper: Fetch = (input, init) => fetch(input, { ...init, keepalive: false });
export const requestOnly: ClientOptions = {
  apiToken: "t",
  // @ts-expect-error it is given a URL string and a RequestInit, not only a Request
  fetch: (request: Request) => fetch(request),
};
