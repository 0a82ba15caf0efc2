// Mailtrap's official Node client (npm `mailtrap`) against our Prism mock: if our spec is
// right, the SDK Mailtrap ships works against it unchanged. Prism checks every request
// and every answer against the spec; a recording hop in front of it shows what went on the wire.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { MailtrapClient } from "mailtrap";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { accountId, webhookId } from "./support/client.js";
import { operations, requestExampleOf, responseOf, schemaValidator } from "./support/spec.js";

/** The SDK builds absolute URLs from this hard-coded origin and has no option to change it. */
const MAILTRAP_ORIGIN = "https://mailtrap.io";
const token = "official-sdk-token";

interface Exchange {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  violations: string | null;
}

const hopByHop = new Set(["host", "connection", "keep-alive", "content-length", "transfer-encoding"]);

// Forwards to the mock as is (plus `prefer`, if set) and records both sides.
let hop: Server;
let hopUrl = "";
const exchanges: Exchange[] = [];
let prefer: string | undefined;

beforeAll(async () => {
  const mockUrl = inject("mockUrl");
  hop = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      // Connection-level headers belong to this hop; fetch sets its own.
      if (!hopByHop.has(name) && typeof value === "string") headers.set(name, value);
    }
    if (prefer) headers.set("prefer", prefer);
    const answer = await fetch(`${mockUrl}${req.url}`, {
      method: req.method ?? "GET",
      headers,
      ...(body ? { body } : {}),
    });
    const text = await answer.text();
    exchanges.push({
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      body,
      status: answer.status,
      violations: answer.headers.get("sl-violations"),
    });
    res.writeHead(answer.status, {
      "content-type": answer.headers.get("content-type") ?? "application/json",
    });
    res.end(text);
  });
  await new Promise<void>((resolve) => hop.listen(0, "127.0.0.1", resolve));
  hopUrl = `http://127.0.0.1:${(hop.address() as AddressInfo).port}`;
});
afterAll(async () => {
  hop.closeAllConnections();
  await new Promise<void>((resolve) => hop.close(() => resolve()));
});

// The part of the SDK's private axios instance this test touches.
interface RequestConfig {
  url?: string;
}
interface AxiosLike {
  interceptors: { request: { use(onFulfilled: (config: RequestConfig) => RequestConfig): number } };
}

/** An official client whose requests go to the recording hop instead of mailtrap.io. */
function officialClient() {
  const client = new MailtrapClient({ token, accountId });
  // `axios` is TypeScript-private but a plain property at run time; only the origin changes.
  const axios = (client as unknown as { axios: AxiosLike }).axios;
  axios.interceptors.request.use((config) => {
    if (config.url?.startsWith(`${MAILTRAP_ORIGIN}/`)) {
      config.url = hopUrl + config.url.slice(MAILTRAP_ORIGIN.length);
    }
    return config;
  });
  return client.webhooks;
}

type Webhooks = ReturnType<typeof officialClient>;
type CreateParams = Parameters<Webhooks["create"]>[0];
type UpdateParams = Parameters<Webhooks["update"]>[1];

/** The account-scoped operation an SDK request reached, found in the spec by method and path. */
function operationReached(exchange: Exchange) {
  const fill = (path: string) =>
    path.replace("{account_id}", String(accountId)).replace("{webhook_id}", String(webhookId));
  return operations().find(
    (op) => op.form === "account" && op.method === exchange.method && fill(op.path) === exchange.path,
  );
}

const validate = schemaValidator();
// The SDK's five methods, each fed the spec's own first request example where there is a body.
const createParams = (requestExampleOf("createAccountWebhook") as { webhook: CreateParams }).webhook;
const updateParams = (requestExampleOf("updateAccountWebhook") as { webhook: UpdateParams }).webhook;
const sdkCalls: Array<{ name: string; call: (webhooks: Webhooks) => Promise<unknown>; sent?: unknown }> = [
  { name: "getList()", call: (webhooks) => webhooks.getList() },
  { name: "create()", call: (webhooks) => webhooks.create(createParams), sent: createParams },
  { name: "get()", call: (webhooks) => webhooks.get(webhookId) },
  { name: "update()", call: (webhooks) => webhooks.update(webhookId, updateParams), sent: updateParams },
  { name: "delete()", call: (webhooks) => webhooks.delete(webhookId) },
];

describe("Mailtrap's official Node client (mailtrap 4.10) against the mock", () => {
  it.each(sdkCalls)(
    "$name reaches an account-scoped operation and gets the spec's example back",
    async ({ call, sent }) => {
      prefer = undefined;
      exchanges.length = 0;
      const answer = await call(officialClient());

      expect(exchanges).toHaveLength(1);
      const [exchange] = exchanges as [Exchange];
      const operation = operationReached(exchange);
      if (!operation)
        throw new Error(`${exchange.method} ${exchange.path} is no account-scoped operation of the spec`);
      expect(exchange.headers.authorization).toBe(`Bearer ${token}`);
      expect(exchange.headers["api-token"]).toBeUndefined();
      // Bodies travel in the `webhook` envelope; GET and DELETE send none.
      if (sent === undefined) expect(exchange.body).toBe("");
      else expect(JSON.parse(exchange.body)).toEqual({ webhook: sent });
      // Prism found nothing wrong with the request, and answered 200.
      expect(exchange.violations).toBeNull();
      expect(exchange.status).toBe(200);

      // The SDK resolves with the raw JSON body, `{ data }`, which must satisfy our schema.
      const { schema, example } = responseOf(operation.operationId, 200);
      expect(validate(schema, answer).errors).toBe("No errors");
      expect(answer).toEqual(example);
    },
  );

  it("a documented error status (404 via Prefer) surfaces as the SDK's MailtrapError", async () => {
    prefer = "code=404";
    exchanges.length = 0;
    const error = await officialClient()
      .get(webhookId)
      .then(
        () => expect.unreachable("get() should have failed with 404"),
        (e: unknown) => e as Error & { cause?: { response?: { status?: number; data?: unknown } } },
      );
    // MailtrapError is not exported by the package; its class name and message are what users see.
    expect(error.constructor.name).toBe("MailtrapError");
    expect(error.message).toBe((responseOf("getAccountWebhook", 404).example as { error: string }).error);
    expect(error.cause?.response?.status).toBe(404);
    expect(error.cause?.response?.data).toEqual(responseOf("getAccountWebhook", 404).example);
    expect(exchanges.map((e) => e.status)).toEqual([404]);
  });
});
