// The fake API answers every operation of the spec, in both path forms, with the spec's example.
import { loadSpec } from "@mailtrap-webhooks/spec";
import { describe, expect, it } from "vitest";
import { apiBodies, apiRoutes, requestBodies, route } from "../src/fixtures.mjs";

const calls = Object.entries(loadSpec().paths).flatMap(([path, item]) =>
  ["get", "post", "patch", "put", "delete"]
    .filter((method) => item[method])
    .map((method) => ({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, "8127") })),
);

describe("bench fixtures", () => {
  it.each(calls)("answer $method $url with a { data } body", ({ method, url }) => {
    expect(calls).toHaveLength(10);
    expect(JSON.parse(route(apiRoutes(), method, `${url}?page=1`) ?? "{}")).toHaveProperty("data");
  });

  it("answer both path forms alike, and nothing outside the spec", () => {
    const routes = apiRoutes();
    expect(route(routes, "GET", "/api/webhooks")).toBe(apiBodies().list);
    expect(route(routes, "PATCH", "/api/accounts/1/webhooks/8127")).toBe(apiBodies().update);
    for (const [method, url] of [
      ["PUT", "/api/webhooks"],
      ["GET", "/api/webhooks/1/x"],
      ["GET", "/api/accounts/1"],
    ]) {
      expect(route(routes, method, url), `${method} ${url}`).toBeUndefined();
    }
  });

  it("send the spec's first create and update examples, without the envelope", () => {
    const { create, update } = requestBodies();
    expect(create).toMatchObject({ url: expect.any(String), webhook_type: expect.any(String) });
    expect(create).not.toHaveProperty("webhook");
    expect(Object.keys(update).length).toBeGreaterThan(0);
  });
});
