import type { CreatedWebhook, Webhook } from "@mailtrap-webhooks/types";

export const TOKEN = "tok_live_5f2b9c1e";
export const SECRET = "4f7c2d9a1e6b3c8d0a5f2e7b9c1d4a6e";

/** An email_sending webhook with every field a webhook can have. */
export const webhook: Webhook = {
  id: 8127,
  url: "https://example.com/hooks/mailtrap",
  active: true,
  webhook_type: "email_sending",
  payload_format: "json",
  sending_stream: "transactional",
  domain_id: 435,
  inbound_inbox_id: null,
  event_types: ["delivery", "bounce"],
};

export const created: CreatedWebhook = { ...webhook, signing_secret: SECRET };

/** An audit_log webhook as Mailtrap answers it: only the five fields every webhook has. */
export const auditLogWebhook: Webhook = {
  id: 8129,
  url: "https://example.com/hooks/audit",
  active: true,
  webhook_type: "audit_log",
  payload_format: "json",
};

/** An inbound_receiving webhook: its inbox, and none of the sending fields. */
export const inboundWebhook: Webhook = {
  id: 8130,
  url: "https://example.com/hooks/inbound",
  active: false,
  webhook_type: "inbound_receiving",
  payload_format: "jsonlines",
  inbound_inbox_id: 2231,
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

/** A fetch that records each request and answers from `answer`; called either way fetch can be. */
export function fakeFetch(answer: (seen: Seen, index: number) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch = async (input: string | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const entry = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.text(),
    };
    seen.push(entry);
    return answer(entry, seen.length - 1);
  };
  return { fetch, seen };
}

/** Resolves to the rejection of `promise`; fails the test when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}
