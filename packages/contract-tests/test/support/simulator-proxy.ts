// The simulator behind Prism's validating proxy: every request and every answer between a
// client and the simulator is checked against the spec, so the hand-written simulator cannot
// drift from it. Prism answers a request that breaks the spec itself (401, 422) and turns an
// answer that breaks it into a 500, and reports what it found in `sl-violations`.
import { type ClientOptions, createWebhooksClient } from "@mailtrap-webhooks/client";
import {
  type MockServer,
  type Simulator,
  type SimulatorOptions,
  startMockServer,
  startSimulator,
} from "@mailtrap-webhooks/mock";

export interface Exchange {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  /** Prism's `sl-violations` header: null when it found nothing wrong on either side. */
  violations: string | null;
  body: unknown;
}

export interface ProxiedSimulator {
  simulator: Simulator;
  proxy: MockServer;
  /** Every exchange that went through the proxy, as the client saw it. */
  exchanges: Exchange[];
  /** Our client, pointed at the proxy; every exchange is recorded. */
  client(options?: Partial<ClientOptions>): ReturnType<typeof createWebhooksClient>;
  close(): Promise<void>;
}

/** The accounts of the simulator: each token is one account's. */
export const tokens = { account1: "token-account-1", account2: "token-account-2" } as const;

export async function startProxiedSimulator(options: SimulatorOptions = {}): Promise<ProxiedSimulator> {
  const simulator = await startSimulator({
    accounts: [
      { id: 1, tokens: [tokens.account1] },
      { id: 2, tokens: [tokens.account2] },
    ],
    ...options,
  });
  const proxy = await startMockServer({ upstream: simulator.url });
  const exchanges: Exchange[] = [];
  const record = async (input: string | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const text = await response.clone().text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: the assertion on it will say what came back.
    }
    exchanges.push({
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      contentType: response.headers.get("content-type"),
      violations: response.headers.get("sl-violations"),
      body,
    });
    return response;
  };
  return {
    simulator,
    proxy,
    exchanges,
    client: (clientOptions = {}) =>
      createWebhooksClient({
        apiToken: tokens.account1,
        baseUrl: proxy.url,
        maxRetries: 0,
        fetch: record,
        ...clientOptions,
      }),
    close: async () => {
      await proxy.close();
      await simulator.close();
    },
  };
}
