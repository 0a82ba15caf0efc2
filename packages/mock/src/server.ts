import { createRequire } from "node:module";
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec, type IHttpConfig, resetJSONSchemaGenerator } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { specPath } from "./spec.js";

// The json-schema-faker instance Prism itself loads: resolved from Prism's own location (so
// it is the same copy whatever versions a lockfile picks) and through require(), because an
// ESM import would load a second, separate instance.
const prismRequire = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));
const { JSONSchemaFaker } = prismRequire("json-schema-faker") as {
  JSONSchemaFaker: { option(options: Record<string, unknown>): void };
};

export interface MockServerOptions {
  /** Port to listen on. Default 0: the operating system picks a free one. */
  port?: number;
  /** Address to listen on. Default `127.0.0.1`; the mock is for local tests only. */
  host?: string;
  /** Generate responses from the schemas instead of serving the spec's examples. */
  dynamic?: boolean;
  /** Seed for dynamic responses, so a run can be repeated exactly. */
  seed?: string;
  /** Prism's log level. Default `silent`. */
  logLevel?: "silent" | "fatal" | "error" | "warn" | "info" | "debug";
  /** Serve another copy of the spec, e.g. a scratch edit. Default: the one shipped with this package. */
  specPath?: string;
}

export interface MockServer {
  /** Base URL of the mock, e.g. `http://127.0.0.1:41235`; pass it as the client's `baseUrl`. */
  readonly url: string;
  /** Stops the server and frees its port. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts Prism in this process, serving the Webhooks API from the spec, and resolves once
 * it accepts connections.
 *
 * Requests are validated (a missing token answers 401, an invalid body 422 with details in
 * the `sl-violations` header) and so are responses: a response that breaks the spec becomes
 * a 500 instead of reaching the client. Pick a documented response per request with the
 * `Prefer` header: `code=404`, `example=empty`, `dynamic=true`.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = "127.0.0.1", dynamic = false, seed, logLevel = "silent" } = options;
  const operations = await getHttpOperationsFromSpec(options.specPath ?? specPath);

  // Dynamic bodies hold only the properties the schemas declare; json-schema-faker would
  // otherwise invent extra ones, which hides missing fields behind random noise.
  resetJSONSchemaGenerator();
  JSONSchemaFaker.option({ fillProperties: false });

  const config: IHttpConfig = {
    isProxy: false,
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: true,
    upstreamProxy: undefined,
    mock: { dynamic, ...(seed === undefined ? {} : { seed }) },
  };
  const server = createServer(operations, {
    cors: false,
    config,
    components: { logger: createLogger("mailtrap-webhooks-mock", { level: logLevel }) },
  });
  const url = await server.listen(port, host);

  let closing: Promise<void> | undefined;
  return {
    url,
    close: () => {
      closing ??= server.close();
      return closing;
    },
  };
}
