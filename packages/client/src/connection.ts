// Where requests go and as whom: the options the client and the raw client share, checked,
// turned into a base URL, the headers every request carries, and the fetch to send with.
import { checkBaseUrl, checkToken, checkUserAgent, refuse } from "./validate.js";

/** Written in by the build from package.json (tsup and vitest `define`). */
declare const __CLIENT_VERSION__: string;

/** This package's version, sent in the User-Agent. */
export const VERSION: string = __CLIENT_VERSION__;
export const DEFAULT_BASE_URL = "https://mailtrap.io";

/** The fetch signature the client calls, a subset of the global `fetch`'s, which fits it. */
export type Fetch = (input: string | Request, init?: RequestInit) => Promise<Response>;

export interface ConnectionOptions {
  /** A Mailtrap API token with access to the account. */
  apiToken: string;
  /** Default `https://mailtrap.io`. */
  baseUrl?: string | undefined;
  /** `api-token` (default) sends `Api-Token: <token>`; `bearer` sends `Authorization: Bearer <token>`. */
  authScheme?: "api-token" | "bearer" | undefined;
  /**
   * A function called like the global `fetch`: `createWebhooksClient` passes each attempt's URL
   * and a `RequestInit` (with its own `headers` object and the attempt's `signal`), and
   * `createRawClient` passes a `Request`. Defaults to `globalThis.fetch`, looked up per call.
   */
  fetch?: Fetch | undefined;
  /** Your app's name and version, e.g. `"billing-sync/1.4"`; sent before ours in the User-Agent. */
  userAgent?: string | undefined;
}

export interface Connection {
  apiToken: string;
  baseUrl: string;
  /** Accept, User-Agent and the auth header. */
  headers: Record<string, string>;
  fetch: Fetch;
}

export function connect(options: ConnectionOptions): Connection {
  if (typeof options !== "object" || options === null) refuse("options", "an object", options);
  const apiToken = checkToken(options.apiToken);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const { authScheme = "api-token", fetch: customFetch } = options;
  if (authScheme !== "api-token" && authScheme !== "bearer") {
    refuse("authScheme", '"api-token" or "bearer"', authScheme);
  }
  if (customFetch !== undefined && typeof customFetch !== "function")
    refuse("fetch", "a function", customFetch);
  const userAgent = checkUserAgent(options.userAgent);
  const ours = `mailtrap-webhooks-client/${VERSION}`;
  return {
    apiToken,
    baseUrl,
    headers: {
      Accept: "application/json",
      "User-Agent": userAgent ? `${userAgent} ${ours}` : ours,
      ...(authScheme === "bearer" ? { Authorization: `Bearer ${apiToken}` } : { "Api-Token": apiToken }),
    },
    // Looked up per call so fetch mocks installed after creation still apply.
    fetch: (input, init) => (customFetch ?? globalThis.fetch)(input, init),
  };
}
