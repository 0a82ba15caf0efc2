import { type ClientOptions, createWebhooksClient, type WebhooksClient } from "@mailtrap-webhooks/client";
import type { OperationId } from "@mailtrap-webhooks/types";
import { inject } from "vitest";
import type { PathForm } from "./spec.js";

export interface Seen {
  request: Request;
  response: Response;
}

/** The account the account-form clients name; the token form leaves it to the token. */
export const accountId = 1;

/** The client options that select a path form: `accountId` or none. */
export const formOptions = (form: PathForm): Pick<ClientOptions, "accountId"> =>
  form === "account" ? { accountId } : {};

/**
 * A client pointed at the suite's mock, in the account form unless `form` says otherwise.
 * `prefer` becomes Prism's `Prefer` header (pick a status, an example or a dynamic body);
 * every exchange is recorded in `seen`.
 */
export function mockClient(
  options: Partial<ClientOptions> & { prefer?: string; dropAuth?: boolean; form?: PathForm } = {},
) {
  const { prefer, dropAuth, form = "account", ...clientOptions } = options;
  const seen: Seen[] = [];
  const client = createWebhooksClient({
    apiToken: "contract-test-token",
    ...formOptions(form),
    baseUrl: inject("mockUrl"),
    ...clientOptions,
    fetch: async (input, init) => {
      const request = new Request(input, init);
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

type Call = (client: WebhooksClient) => Promise<unknown>;

const list: Call = (client) => client.list();
const create: Call = (client) =>
  client.create({
    url: "https://example.com/hooks/contract",
    webhook_type: "email_sending",
    sending_stream: "transactional",
    event_types: ["delivery", "bounce"],
  });
const get: Call = (client) => client.get(webhookId);
const update: Call = (client) => client.update(webhookId, { active: false });
const remove: Call = (client) => client.delete(webhookId);

/**
 * One valid call per management operation: both path forms make the same call, on a client
 * with or without `accountId`. The type makes a new operation in the spec a compile error here.
 */
export const calls: Record<OperationId, Call> = {
  listWebhooks: list,
  listAccountWebhooks: list,
  createWebhook: create,
  createAccountWebhook: create,
  getWebhook: get,
  getAccountWebhook: get,
  updateWebhook: update,
  updateAccountWebhook: update,
  deleteWebhook: remove,
  deleteAccountWebhook: remove,
};
