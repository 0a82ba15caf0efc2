// Operations, parameters, request bodies, status codes and components.
import { describe, expect, it } from "vitest";
import { breaksOf, type Spec } from "../scratch.js";
import { DELETE, GET, LIST, SENDING, UPDATE } from "./locations.js";

const one = "/api/accounts/{account_id}/webhooks/{webhook_id}";
const many = "/api/accounts/{account_id}/webhooks";
const addPage = (required: boolean) => (spec: Spec) => {
  spec.paths[many].get.parameters = [{ name: "page", in: "query", required, schema: { type: "integer" } }];
};

describe("operations and parameters", () => {
  it("passes an unchanged spec", () => {
    expect(breaksOf(() => {})).toEqual([]);
  });

  it("flags a removed operation", () => {
    expect(breaksOf((spec) => delete spec.paths[one].delete)).toEqual([`operation-removed @ ${DELETE}`]);
  });

  it("flags a changed operationId", () => {
    const lines = breaksOf((spec) => {
      spec.paths[many].get.operationId = "getWebhooks";
    });
    expect(lines).toEqual([`operation-id-changed @ ${LIST}`]);
  });

  it("flags a new required parameter and passes a new optional one", () => {
    expect(breaksOf(addPage(true))).toEqual([`parameter-added-required @ ${LIST} › query parameter page`]);
    expect(breaksOf(addPage(false))).toEqual([]);
  });

  it("flags a parameter that became required", () => {
    const lines = breaksOf(addPage(true), addPage(false));
    expect(lines).toEqual([`parameter-became-required @ ${LIST} › query parameter page`]);
  });

  it("flags a removed parameter", () => {
    const lines = breaksOf(() => {}, addPage(false));
    expect(lines).toEqual([`parameter-removed @ ${LIST} › query parameter page`]);
  });

  it("flags a parameter type change", () => {
    const lines = breaksOf((spec) => {
      spec.components.parameters.AccountId.schema = { type: "string" };
    });
    expect(lines).toContain(`type-changed @ ${LIST} › path parameter account_id`);
  });

  it("sees a renamed path parameter as a parameter change, not a removed operation", () => {
    const lines = breaksOf((spec) => {
      spec.paths["/api/accounts/{account_id}/webhooks/{id}"] = spec.paths[one];
      delete spec.paths[one];
      spec.components.parameters.WebhookId.name = "id";
    });
    const renamed = "GET /api/accounts/{account_id}/webhooks/{id}";
    expect(lines).toContain(`parameter-removed @ ${renamed} › path parameter webhook_id`);
    expect(lines).toContain(`parameter-added-required @ ${renamed} › path parameter id`);
    expect(lines.filter((line) => line.startsWith("operation-removed"))).toEqual([]);
  });
});

describe("bodies, status codes and components", () => {
  it("flags a request body that became required", () => {
    const lines = breaksOf(
      () => {},
      (spec) => {
        spec.paths[one].patch.requestBody.required = false;
      },
    );
    expect(lines).toEqual([`request-body-became-required @ ${UPDATE} › request body`]);
  });

  it("flags a removed media type", () => {
    const lines = breaksOf(
      (spec) => delete spec.webhooks.sendingEvents.post.requestBody.content["application/jsonl"],
    );
    expect(lines).toEqual([`media-type-removed @ ${SENDING} › request body (application/jsonl)`]);
  });

  it("flags a response media type added beside JSON, not a request one", () => {
    const lines = breaksOf((spec) => {
      spec.paths[one].get.responses["200"].content["application/xml"] = { schema: { type: "string" } };
      spec.paths[many].post.requestBody.content["application/xml"] = { schema: { type: "string" } };
    });
    expect(lines).toEqual([`media-type-added @ ${GET} › response 200 (application/xml)`]);
  });

  it("flags a removed status code and passes an added one", () => {
    expect(breaksOf((spec) => delete spec.paths[one].get.responses["404"])).toEqual([
      `response-status-removed @ ${GET} › response 404`,
    ]);
    const added = breaksOf((spec) => {
      spec.paths[many].post.responses["409"] = { description: "Conflict." };
    });
    expect(added).toEqual([]);
  });

  it("flags a removed component (the types package exports it)", () => {
    const lines = breaksOf(
      () => {},
      (spec) => {
        spec.components.schemas.Legacy = { type: "string" };
      },
    );
    expect(lines).toEqual(["component-removed @ components.schemas.Legacy"]);
  });
});
