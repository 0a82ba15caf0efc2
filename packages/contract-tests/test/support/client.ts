import { type ClientOptions, createWebhooksClient, type WebhooksClient } from "@mailtrap-webhooks/client";
import type { OperationId } from "@mailtrap-webhooks/types";
import { inject } from "vitest";

export interface Seen {
  request: Request;
  response: Response;
}

/**
 * A client pointed at the suite's mock. `prefer` becomes Prism's `Prefer` header (pick a
 * status, an example or a dynamic body); every exchange is recorded in `seen`.
 */
export function mockClient(options: Partial<ClientOptions> & { prefer?: string; dropAuth?: boolean } = {}) {
  const { prefer, dropAuth, ...clientOptions } = options;
  const seen: Seen[] = [];
  const client = createWebhooksClient({
    apiToken: "contract-test-token",
    accountId: 1,
    baseUrl: inject("mockUrl"),
    ...clientOptions,
    fetch: async (request) => {
      if (prefer) request.headers.set("Prefer", prefer);
      if (dropAuth) {
        request.headers.delete("Api-Token");
        request.headers.delete("Authorization");
      }
      const response = await fetch(request);
      seen.push({ request, response: response.clone() });
      return response;
    },
  });
  return { client, seen };
}

export const webhookId = 8127;

/** One valid call per management operation; the type makes a new operation in the spec a compile error here. */
export const calls: Record<OperationId, (client: WebhooksClient) => Promise<unknown>> = {
  listWebhooks: (client) => client.list(),
  createWebhook: (client) =>
    client.create({
      url: "https://example.com/hooks/contract",
      webhook_type: "email_sending",
      sending_stream: "transactional",
      event_types: ["delivery", "bounce"],
    }),
  getWebhook: (client) => client.get(webhookId),
  updateWebhook: (client) => client.update(webhookId, { active: false }),
  deleteWebhook: (client) => client.delete(webhookId),
};
