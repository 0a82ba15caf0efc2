// The fake server's answers come from the spec: every operation, in both path forms.
import { loadSpec } from "@mailtrap-webhooks/spec";
import { describe, expect, it } from "vitest";
import { apiBodies, apiRoutes, requestBodies, route } from "../src/fixtures.mjs";

const methods = ["get", "post", "patch", "put", "delete"];
// Each documented operation, with its path filled in as a client would send it.
const calls = Object.entries(loadSpec().paths).flatMap(([path, item]) =>
  methods
    .filter((method) => item[method])
    .map((method) => ({
      operationId: item[method].operationId as string,
      method: method.toUpperCase(),
      url: path.replace("{account_id}", "1").replace("{webhook_id}", "8127"),
    })),
);

describe("bench fixtures", () => {
  it("cover the spec's ten operations", () => {
    expect(calls).toHaveLength(10);
  });

  it.each(calls)("$method $url ($operationId) is answered with a { data } body", ({ method, url }) => {
    const body = route(apiRoutes(), method, `${url}?page=1`);
    expect(body, `${method} ${url}`).toBeDefined();
    expect(JSON.parse(body ?? "{}")).toHaveProperty("data");
  });

  it("answer both path forms of an operation alike", () => {
    const routes = apiRoutes();
    expect(route(routes, "GET", "/api/webhooks")).toBe(apiBodies().list);
    expect(route(routes, "GET", "/api/accounts/1/webhooks")).toBe(apiBodies().list);
    expect(route(routes, "PATCH", "/api/accounts/1/webhooks/8127")).toBe(apiBodies().update);
    expect(route(routes, "POST", "/api/webhooks")).toBe(apiBodies().create);
  });

  it("answer nothing (404) outside the spec", () => {
    const routes = apiRoutes();
    expect(route(routes, "PUT", "/api/webhooks")).toBeUndefined();
    expect(route(routes, "GET", "/api/webhooks/8127/extra")).toBeUndefined();
    expect(route(routes, "GET", "/api/accounts/1")).toBeUndefined();
  });

  it("send the spec's first create and update examples, unwrapped", () => {
    const { create, update } = requestBodies();
    expect(create).toMatchObject({ url: expect.any(String), webhook_type: expect.any(String) });
    expect(Object.keys(update).length).toBeGreaterThan(0);
    expect(create).not.toHaveProperty("webhook");
  });
});
