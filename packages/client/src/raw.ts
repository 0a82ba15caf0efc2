// @mailtrap-webhooks/client/raw: the openapi-fetch client for the Webhooks API, typed from the
// spec. Its own entry point, so that the main one does not carry openapi-fetch.
import type { paths } from "@mailtrap-webhooks/types";
import openapiFetch, { type Client } from "openapi-fetch";
import { type ConnectionOptions, connect } from "./connection.js";

export type { Client as RawClient } from "openapi-fetch";
export type { ConnectionOptions as RawClientOptions } from "./connection.js";

// openapi-fetch's CommonJS build sets `exports.default = createClient`, and Node-style interop
// (what our CJS build uses) hands us that whole exports object as the default import.
const createClient: typeof openapiFetch =
  typeof openapiFetch === "function"
    ? openapiFetch
    : (openapiFetch as { default: typeof openapiFetch }).default;

/**
 * An openapi-fetch client with the base URL, auth header and User-Agent that
 * `createWebhooksClient` would use for the same options. It answers `{ data, error, response }`
 * with the envelopes intact, neither throws on error statuses nor retries, and has no rate
 * limit. Both path forms are typed.
 */
export function createRawClient(options: ConnectionOptions): Client<paths> {
  const { baseUrl, headers, fetch } = connect(options);
  // A redirect to another host would carry the token header along; surface it instead.
  return createClient<paths>({ baseUrl, headers, fetch, redirect: "manual" });
}
