import { createConnection } from "node:net";
import { followRefs, loadSpec, specPath as specPackagePath } from "@mailtrap-webhooks/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/server.js";
import { specPath } from "../src/spec.js";

const auth = { "Api-Token": "test-token" };

// The Webhook's required and declared field names as the spec lists them, so the test follows spec edits.
function webhookFields(): { required: string[]; declared: string[] } {
  const webhook = loadSpec().components.schemas.Webhook;
  const required = webhook?.required;
  if (
    !Array.isArray(required) ||
    !required.every((name) => typeof name === "string") ||
    required.length === 0
  ) {
    throw new Error("The spec has no components.schemas.Webhook.required list of field names");
  }
  return { required, declared: Object.keys(webhook?.properties ?? {}) };
}

// The body Prism answers GET `path` with by default: the first example of its 200 response.
function firstListExample(path: string): unknown {
  const spec = loadSpec();
  const operation = spec.paths[path]?.get;
  if (!operation) throw new Error(`The spec has no GET ${path}`);
  const response = followRefs(operation.responses["200"], spec);
  const [first] = Object.values(response.content["application/json"].examples ?? {});
  if (!first) throw new Error(`GET ${path} has no 200 example`);
  return followRefs(first, spec).value;
}

function canConnect(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("startMockServer", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(() => mock.close());

  it("listens on 127.0.0.1 on a port the OS picked, ready when it resolves", async () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(mock.url).port).not.toBe("4010");
    const response = await fetch(`${mock.url}/api/accounts/1/webhooks`, { headers: auth });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: unknown[] };
    expect(body.data.length).toBeGreaterThan(0);
  });

  it("answers 401 without a token and accepts either auth scheme", async () => {
    const none = await fetch(`${mock.url}/api/accounts/1/webhooks`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: "Incorrect API token" });
    const bearer = await fetch(`${mock.url}/api/accounts/1/webhooks`, {
      headers: { Authorization: "Bearer test-token" },
    });
    expect(bearer.status).toBe(200);
  });

  it("validates requests: an invalid body gets 422 with the violations in sl-violations", async () => {
    const response = await fetch(`${mock.url}/api/accounts/1/webhooks`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ webhook: { url: "not a url", webhook_type: "audit_log" } }),
    });
    expect(response.status).toBe(422);
    const violations = JSON.parse(response.headers.get("sl-violations") ?? "[]") as Array<{
      message: string;
    }>;
    expect(violations.some((v) => v.message.includes("url"))).toBe(true);
  });

  it("serves a documented status on request through Prefer", async () => {
    const response = await fetch(`${mock.url}/api/accounts/1/webhooks/7`, {
      headers: { ...auth, Prefer: "code=404" },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Not Found" });
  });

  it("serves both path forms: token-scoped and with an account id", async () => {
    for (const [path, template] of [
      ["/api/webhooks", "/api/webhooks"],
      ["/api/accounts/1/webhooks", "/api/accounts/{account_id}/webhooks"],
    ] as const) {
      const response = await fetch(`${mock.url}${path}`, { headers: auth });
      expect(response.status, path).toBe(200);
      expect(await response.json(), path).toEqual(firstListExample(template));
    }
  });

  it("serves the document @mailtrap-webhooks/spec ships, and exports its path", () => {
    expect(specPath).toBe(specPackagePath);
  });
});

describe("close", () => {
  it("frees the port and can be called twice", async () => {
    const mock = await startMockServer();
    try {
      await fetch(`${mock.url}/api/accounts/1/webhooks`, { headers: auth });
      expect(await canConnect(mock.url)).toBe(true);
      await mock.close();
      await mock.close();
      expect(await canConnect(mock.url)).toBe(false);
    } finally {
      // close() is safe to call twice, so this only matters when an assertion above failed.
      await mock.close();
    }
  });
});

describe("listen", () => {
  it("rejects with an Error carrying the system code when the port is taken", async () => {
    const first = await startMockServer();
    try {
      const port = Number(new URL(first.url).port);
      const second = startMockServer({ port });
      await expect(second).rejects.toBeInstanceOf(Error);
      await expect(second).rejects.toMatchObject({
        code: "EADDRINUSE",
        message: expect.stringMatching(/could not listen on 127\.0\.0\.1:\d+.*another port, or port 0/),
      });
    } finally {
      await first.close();
    }
  });

  // This machine has an IPv6 loopback (::1), so the test always runs here.
  it("puts an IPv6 host in brackets, giving a URL fetch can use", async () => {
    const mock = await startMockServer({ host: "::1" });
    try {
      expect(mock.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const response = await fetch(`${mock.url}/api/accounts/1/webhooks`, { headers: auth });
      expect(response.status).toBe(200);
    } finally {
      await mock.close();
    }
  });
});

describe("dynamic responses", () => {
  it("are generated from the schemas, repeatably for one seed, with no invented fields", async () => {
    const bodies: string[] = [];
    for (let run = 0; run < 2; run++) {
      const mock = await startMockServer({ dynamic: true, seed: "contract" });
      try {
        const response = await fetch(`${mock.url}/api/accounts/1/webhooks/3`, { headers: auth });
        expect(response.status).toBe(200);
        bodies.push(await response.text());
      } finally {
        await mock.close();
      }
    }
    expect(bodies[0]).toBe(bodies[1]);
    const body = JSON.parse(bodies[0] ?? "{}") as { data: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(["data"]);
    // Every required field, and nothing the schema does not declare (optional ones may appear).
    const { required, declared } = webhookFields();
    expect(Object.keys(body.data)).toEqual(expect.arrayContaining(required));
    expect(declared).toEqual(expect.arrayContaining(Object.keys(body.data)));
  });
});
