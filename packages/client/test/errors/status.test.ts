import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  createWebhooksClient,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnexpectedStatusError,
  ValidationError,
  WebhooksApiError,
  type WebhooksClient,
} from "../../src/index.js";
import { created, fakeFetch, json, rejectionOf, SECRET, TOKEN } from "../helpers/fixtures.js";
import { sendJson, startServer, type TestServer } from "../helpers/server.js";

/** A client whose every request is answered by `response`, with retries off. */
function answering(response: () => Response) {
  const fake = fakeFetch(() => response());
  const client = createWebhooksClient({ apiToken: TOKEN, accountId: 1, fetch: fake.fetch, maxRetries: 0 });
  return { client, seen: fake.seen };
}

describe("each error status maps to its class with the parsed body", () => {
  const cases = [
    [401, { error: "Incorrect API token" }, AuthenticationError, "Check apiToken"],
    [403, { errors: "Account access forbidden" }, PermissionDeniedError, "Check accountId"],
    [404, { error: "Not Found" }, NotFoundError, "Check the webhook id"],
    [422, { errors: { url: ["is invalid"] } }, ValidationError, "error.fields lists the messages"],
    [429, { errors: "Rate limit exceeded" }, RateLimitError, "Slow down; see error.retryAfter."],
    [400, { error: "Bad request" }, UnexpectedStatusError, "not part of the API"],
    [409, { error: "Conflict" }, UnexpectedStatusError, "not part of the API"],
    [500, { error: "Internal error" }, InternalServerError, "try again later"],
    [503, { error: "Unavailable" }, InternalServerError, "try again later"],
  ] as const;

  it.each(cases)("%i", async (status, body, ErrorClass, advice) => {
    const { client } = answering(() => json(body, status, { "x-request-id": "req-123" }));
    const error = await rejectionOf(client.get(5));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(WebhooksApiError);
    const apiError = error as WebhooksApiError;
    expect(apiError.status).toBe(status);
    expect(apiError.body).toEqual(body);
    expect(apiError.headers?.get("x-request-id")).toBe("req-123");
    expect(apiError.requestId).toBe("req-123");
    expect(apiError.message).toContain(`Mailtrap answered ${status}`);
    expect(apiError.message).toContain(advice);
    expect(apiError.message).toContain("(request id req-123)");
    expect(apiError.name).toBe(ErrorClass.name);
  });

  it("quotes the server's words: error, errors text, or the field messages", async () => {
    const unauthorized = await rejectionOf(
      answering(() => json({ error: "Incorrect API token" }, 401)).client.list(),
    );
    expect(unauthorized.message).toContain("Mailtrap answered 401: Incorrect API token.");
    const forbidden = await rejectionOf(
      answering(() => json({ errors: "Account access forbidden" }, 403)).client.list(),
    );
    expect(forbidden.message).toContain("Mailtrap answered 403: Account access forbidden.");
  });

  it("422 exposes the field → messages map and names the fields in the message", async () => {
    const body = { errors: { url: ["can't be blank", "is invalid"], sending_stream: ["can't be blank"] } };
    const { client } = answering(() => json(body, 422));
    const error = await rejectionOf(client.update(1, { url: "x" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual(body.errors);
    expect(error.message).toContain("url can't be blank, is invalid; sending_stream can't be blank");
  });

  it("quotes a problem+json detail, and a bare list of messages as messages about no one field", async () => {
    const problem = await rejectionOf(
      answering(() =>
        json({ title: "Bad Request", detail: "Prefer asks for a 500 the spec lacks" }, 400),
      ).client.list(),
    );
    expect(problem.message).toContain("Mailtrap answered 400: Prefer asks for a 500 the spec lacks.");
    const listed = (await rejectionOf(
      answering(() => json({ errors: ["url is invalid", "too many webhooks"] }, 422)).client.list(),
    )) as ValidationError;
    expect(listed.fields).toEqual({ base: ["url is invalid", "too many webhooks"] });
    expect(listed.message).toContain("Mailtrap answered 422: url is invalid, too many webhooks.");
    const based = (await rejectionOf(
      answering(() => json({ errors: { base: ["limit reached"], url: ["is invalid"] } }, 422)).client.list(),
    )) as ValidationError;
    expect(based.message).toContain("Mailtrap answered 422: limit reached; url is invalid.");
  });

  it("422 with a body not shaped like Mailtrap's still gives an (empty) field map", async () => {
    const { client } = answering(() => json({ title: "Invalid request" }, 422));
    const error = (await rejectionOf(client.list())) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual({});
  });

  it("429 exposes retryAfter in seconds, from seconds or an HTTP date", async () => {
    const seconds = await rejectionOf(
      answering(() => json({ errors: "Rate limit exceeded" }, 429, { "retry-after": "12" })).client.list(),
    );
    expect((seconds as RateLimitError).retryAfter).toBe(12);
    const date = new Date(Date.now() + 30_000).toUTCString();
    const dated = await rejectionOf(answering(() => json({}, 429, { "retry-after": date })).client.list());
    expect((dated as RateLimitError).retryAfter).toBeGreaterThan(25);
    expect((dated as RateLimitError).retryAfter).toBeLessThanOrEqual(30);
    const none = await rejectionOf(answering(() => json({}, 429)).client.list());
    expect((none as RateLimitError).retryAfter).toBeUndefined();
  });

  it("keeps a non-JSON error body as text", async () => {
    const { client } = answering(
      () =>
        new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }),
    );
    const error = (await rejectionOf(client.list())) as InternalServerError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBe("<html>Bad gateway</html>");
    expect(error.message).toBe("Mailtrap answered 502. Mailtrap had a problem; try again later.");
  });

  it("keeps only the start of a long non-JSON error body", async () => {
    const page = `<html>${"x".repeat(5_000)}</html>`;
    const { client } = answering(
      () => new Response(page, { status: 502, headers: { "content-type": "text/html" } }),
    );
    const error = (await rejectionOf(client.list())) as InternalServerError;
    expect(error.body).toBe(`${page.slice(0, 500)}…`);
  });
});

describe("403 advice follows the path form", () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  /** The 403 a real server answers to the client's list() in the form accountId picks. */
  async function forbidden(accountId: number | undefined) {
    const server = await startServer((_req, res) =>
      sendJson(res, 403, { errors: "Account access forbidden" }),
    );
    servers.push(server);
    const client = createWebhooksClient({ apiToken: TOKEN, accountId, baseUrl: server.url });
    const error = await rejectionOf(client.list());
    return { error, path: server.requests[0] };
  }

  it("without accountId it points at the token's permissions, not at an account id", async () => {
    const { error, path } = await forbidden(undefined);
    expect(path).toBe("GET /api/webhooks");
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toBe(
      "Mailtrap answered 403: Account access forbidden. Check that the token's permissions allow managing webhooks.",
    );
    expect(error.message).not.toMatch(/account_?id/i);
  });

  it("with accountId it asks to check that account id", async () => {
    const { error, path } = await forbidden(42);
    expect(path).toBe("GET /api/accounts/42/webhooks");
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toBe(
      "Mailtrap answered 403: Account access forbidden. Check accountId and that the token has access to that account.",
    );
  });
});

describe("404 advice follows the route", () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  /** The 404 a real server answers to `call`, with a baseUrl that doubles /api. */
  async function notFound(accountId: number | undefined, call: (client: WebhooksClient) => Promise<unknown>) {
    const server = await startServer((_req, res) => sendJson(res, 404, { error: "Not Found" }));
    servers.push(server);
    const client = createWebhooksClient({ apiToken: TOKEN, accountId, baseUrl: `${server.url}/api` });
    const error = await rejectionOf(call(client));
    expect(error).toBeInstanceOf(NotFoundError);
    return { message: error.message, path: server.requests[0] };
  }

  it("on the collection (list, create) it points at baseUrl, not at a webhook id", async () => {
    const listed = await notFound(undefined, (client) => client.list());
    expect(listed.path).toBe("GET /api/api/webhooks");
    expect(listed.message).toBe("Mailtrap answered 404: Not Found. Check baseUrl.");
    const made = await notFound(undefined, (client) =>
      client.create({ url: "https://x.test", webhook_type: "audit_log" }),
    );
    expect(made.message).toBe("Mailtrap answered 404: Not Found. Check baseUrl.");
  });

  it("with accountId, on the collection it points at baseUrl and accountId", async () => {
    const { message, path } = await notFound(42, (client) => client.list());
    expect(path).toBe("GET /api/api/accounts/42/webhooks");
    expect(message).toBe("Mailtrap answered 404: Not Found. Check baseUrl and accountId.");
  });

  it.each([undefined, 42])(
    "on a webhook's path (accountId %s) it points at the webhook id",
    async (accountId) => {
      for (const call of [
        (client: WebhooksClient) => client.get(5),
        (client: WebhooksClient) => client.update(5, { active: true }),
        (client: WebhooksClient) => client.delete(5),
      ]) {
        const { message } = await notFound(accountId, call);
        expect(message).toBe("Mailtrap answered 404: Not Found. Check the webhook id; list() shows them.");
      }
    },
  );
});

describe("success bodies that break the contract", () => {
  it.each([
    ["text/html", "<html>hi</html>", 'content type "text/html"'],
    ["", '{"data":[]}', 'content type "(none)"'],
    ["application/json", "{not json", "not valid JSON"],
    ["application/json", "", "not valid JSON"],
    ["application/json", '{"webhooks":[]}', 'no "data" field'],
  ])("%s %s → InvalidResponseError", async (type, text, detail) => {
    const headers: Record<string, string> = type ? { "content-type": type } : {};
    const { client } = answering(() => {
      const response = new Response(text, { status: 200, headers });
      if (!type) response.headers.delete("content-type");
      return response;
    });
    const error = await rejectionOf(client.list());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(200);
    expect(error.message).toContain(detail);
  });

  it("accepts application/problem-style +json and charset parameters", async () => {
    const { client } = answering(
      () =>
        new Response('{"data":[]}', {
          headers: { "content-type": "application/vnd.api+json; charset=utf-8" },
        }),
    );
    await expect(client.list()).resolves.toEqual([]);
  });
});

describe("secrets never leak into errors", () => {
  it("scrubs a token the server echoes back from message and body", async () => {
    const { client } = answering(() =>
      json({ error: `Incorrect API token ${TOKEN}`, errors: { base: [`token ${TOKEN} revoked`] } }, 401),
    );
    const error = (await rejectionOf(client.list())) as AuthenticationError;
    expect(error.message).toContain("Incorrect API token [redacted]");
    expect(error.message).not.toContain(TOKEN);
    expect(JSON.stringify(error.body)).not.toContain(TOKEN);
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });

  it("scrubs the token from 422 field messages", async () => {
    const { client } = answering(() =>
      json({ errors: { url: [`is invalid: https://x.test/?t=${TOKEN}`] } }, 422),
    );
    const error = (await rejectionOf(
      client.create({ url: "x", webhook_type: "audit_log" }),
    )) as ValidationError;
    expect(error.message).toContain("url is invalid: https://x.test/?t=[redacted]");
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });

  it("keeps a created webhook's signing secret out of an invalid-response error", async () => {
    const { client } = answering(
      () => new Response(JSON.stringify({ data: created }), { headers: { "content-type": "text/plain" } }),
    );
    const error = await rejectionOf(client.create({ url: "https://x.test", webhook_type: "audit_log" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
    expect(JSON.stringify((error as InvalidResponseError).body)).not.toContain(SECRET);
  });

  it("leaves messages intact when the token is a short placeholder (as with mocks)", async () => {
    const fake = fakeFetch(() => json({ errors: { url: ["can't be blank"] } }, 422));
    const client = createWebhooksClient({ apiToken: "t", accountId: 1, fetch: fake.fetch });
    const error = await rejectionOf(client.update(1, { url: "" }));
    expect(error.message).toContain("url can't be blank");
  });

  it("keeps a secret-shaped hex string in a server message out of the message", async () => {
    const { client } = answering(() => json({ error: `secret ${SECRET} is wrong` }, 400));
    const error = await rejectionOf(client.list());
    expect(error.message).not.toContain(SECRET);
  });
});

describe("secrets never survive in error bodies", () => {
  it("a signing secret cut by the 500-character limit is not left half-visible", async () => {
    // The secret starts 10 characters before the cut.
    const body = `${"x".repeat(470)}"signing_secret":"${SECRET}"`;
    const { client } = answering(
      () => new Response(body, { status: 200, headers: { "content-type": "text/html" } }),
    );
    const error = await rejectionOf(client.list());
    expect(error).toBeInstanceOf(InvalidResponseError);
    const shown = String((error as InvalidResponseError).body);
    expect(shown).not.toContain(SECRET.slice(0, 8));
    expect(shown.length).toBeLessThanOrEqual(500);
  });

  it("an error body echoing a signing secret or a secret-shaped string keeps neither", async () => {
    const { client } = answering(() =>
      json(
        {
          errors: { base: [`conflicts with ${SECRET}`] },
          signing_secret: "0123456789abcdef0123456789abcdef",
        },
        422,
      ),
    );
    const error = await rejectionOf(client.update(5, { active: true }));
    const printed = inspect(error, { depth: 5 });
    expect(printed).not.toContain(SECRET);
    expect(printed).not.toContain("0123456789abcdef0123456789abcdef");
    expect((error as ValidationError).fields.base?.[0]).toContain("[redacted]");
  });
});
