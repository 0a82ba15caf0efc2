import { createRequire } from "node:module";
import { specPath } from "@mailtrap-webhooks/spec";
import { createLogger } from "@stoplight/prism-core";
import {
  getHttpOperationsFromSpec,
  type IHttpConfig,
  type PrismHttpComponents,
  ProblemJsonError,
  resetJSONSchemaGenerator,
} from "@stoplight/prism-http";

import { createServer } from "@stoplight/prism-http-server";
import { InvalidArgumentError, ListenError } from "./errors.js";

// The json-schema-faker instance Prism itself loads: resolved from Prism's own location (so
// it is the same copy whatever versions a lockfile picks) and through require(), because an
// ESM import would load a second, separate instance.
const prismRequire = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));
const { JSONSchemaFaker } = prismRequire("json-schema-faker") as {
  JSONSchemaFaker: { option(options: Record<string, unknown>): void };
};

type MockComponent = PrismHttpComponents["mock"];
type MockResult = ReturnType<ReturnType<MockComponent>>;
const prismMock = (prismRequire("./mocker/index.js") as { default: MockComponent }).default;

/**
 * Prism answers `Prefer: code=N` for a status the operation does not declare with a 404 about
 * "the requested content", which a client reads as "no such webhook". This answers 400 instead,
 * naming the operation, the status asked for and the ones it has.
 */
const mockDeclaredStatusesOnly: MockComponent = (options) => (logger) => {
  const { resource, input, config } = options;
  const declared = resource.responses.map((response) => response.code);
  const asked = config.code === undefined ? undefined : String(config.code);
  if (
    asked === undefined ||
    input.validations.length > 0 ||
    declared.includes(asked) ||
    declared.includes("default")
  ) {
    return prismMock(options)(logger);
  }
  const operation = resource.iid ?? `${resource.method.toUpperCase()} ${resource.path}`;
  // An fp-ts Left, the shape Prism's components answer errors in.
  return {
    _tag: "Left",
    left: new ProblemJsonError(
      "https://github.com/mailtrap-webhooks/sdk/tree/main/packages/mock#ask-the-mock-for-an-error-status",
      "Prefer asks for a status the spec does not declare",
      400,
      `Prefer: code=${asked} asks ${operation} for a ${asked} answer, but the spec declares only ${declared.join(", ")} for it. Ask for one of those.`,
    ),
  } as MockResult;
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
  /** Serve another copy of the spec, e.g. a scratch edit. Default: the one `@mailtrap-webhooks/spec` ships. */
  specPath?: string;
  /**
   * Proxy instead of mock: forward every request to this server (e.g. the simulator, or your
   * own fake) and check both sides against the spec. A request that breaks the spec is
   * answered by Prism (401, 422) without reaching it; an answer that breaks the spec becomes
   * a 500. `dynamic` and `seed` do not apply.
   */
  upstream?: string | URL;
}

export interface MockServer {
  /** Base URL of the mock, e.g. `http://127.0.0.1:41235`; pass it as the client's `baseUrl`. */
  readonly url: string;
  /** Stops the server and frees its port. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts Prism in this process, serving the Webhooks API from the spec, and resolves once
 * it accepts connections. Both path forms are served: `/api/webhooks...` (the token's
 * account) and `/api/accounts/{account_id}/webhooks...`.
 *
 * Requests are validated (a missing token answers 401, an invalid body 422 with details in
 * the `sl-violations` header) and so are responses: a response that breaks the spec becomes
 * a 500 instead of reaching the client. Pick a documented response per request with the
 * `Prefer` header: `code=404`, `example=empty`, `dynamic=true`.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = "127.0.0.1", dynamic = false, seed, logLevel = "silent" } = options;
  // Checked first, so a bad value fails before Prism reads the spec.
  const upstream = options.upstream === undefined ? undefined : upstreamUrl(options.upstream);
  const operations = await getHttpOperationsFromSpec(options.specPath ?? specPath);

  // Dynamic bodies hold only the properties the schemas declare; json-schema-faker would
  // otherwise invent extra ones, which hides missing fields behind random noise.
  resetJSONSchemaGenerator();
  JSONSchemaFaker.option({ fillProperties: false });

  const checks = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: true,
    upstreamProxy: undefined,
    mock: { dynamic, ...(seed === undefined ? {} : { seed }) },
  };
  const config: IHttpConfig =
    upstream === undefined ? { ...checks, isProxy: false } : { ...checks, isProxy: true, upstream };
  const server = createServer(operations, {
    cors: false,
    config,
    components: {
      logger: createLogger("mailtrap-webhooks-mock", { level: logLevel }),
      mock: mockDeclaredStatusesOnly,
    },
  });
  let address: string;
  try {
    address = await server.listen(port, host);
  } catch (error) {
    throw listenError(error, host, port);
  }
  const url = toUrl(address);

  let closing: Promise<void> | undefined;
  return {
    url,
    close: () => {
      closing ??= server.close();
      return closing;
    },
  };
}

function upstreamUrl(upstream: string | URL): URL {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    throw new InvalidArgumentError(
      "upstream",
      `upstream must be an absolute http(s) URL, e.g. http://127.0.0.1:4020, got "${upstream}"`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError("upstream", `upstream must be an http or https URL, got ${url.protocol}`);
  }
  return url;
}

// Prism rejects with the bare message text ("listen EADDRINUSE: address already in use …"),
// so the system code has to be read back out of it.
function listenError(reason: unknown, host: string, port: number): ListenError {
  const text = reason instanceof Error ? reason.message : String(reason);
  const code = /\b(E[A-Z]{2,})\b/.exec(text)?.[1];
  const advice =
    code === "EADDRINUSE" || code === "EACCES"
      ? "Pick another port, or port 0 to let the operating system choose a free one."
      : code === "EADDRNOTAVAIL" || code === "ENOTFOUND"
        ? "Pick a host this machine has, e.g. 127.0.0.1."
        : "Check the host and port.";
  return new ListenError(
    `The mock could not listen on ${host.includes(":") ? `[${host}]` : host}:${port}: ${text}. ${advice}`,
    code,
    reason instanceof Error ? { cause: reason } : undefined,
  );
}

// Prism formats the address as `http://${address}:${port}`, which for IPv6 (`http://::1:4010`)
// is not a URL; rebuild it with the address in brackets.
function toUrl(prismUrl: string): string {
  const match = /^http:\/\/(.+):(\d+)$/.exec(prismUrl);
  if (!match) return prismUrl;
  const [, address = "", port = ""] = match;
  return `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
}
