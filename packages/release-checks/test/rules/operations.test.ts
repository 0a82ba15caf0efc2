// Operations, parameters, request bodies, status codes and components.
import { followRefs } from "@mailtrap-webhooks/spec";
import { describe, expect, it } from "vitest";
import { breaksOf, changesOf, type Spec } from "../scratch.js";
import {
  ACCOUNT_GET,
  ACCOUNT_LIST,
  ACCOUNT_UPDATE,
  DELETE,
  GET,
  LIST,
  SENDING,
  UPDATE,
} from "./locations.js";

const pathOf = (label: string) => label.slice(label.indexOf(" ") + 1);
const one = pathOf(GET);
const many = pathOf(LIST);
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
    expect(lines).toContain(`type-changed @ ${ACCOUNT_LIST} › path parameter account_id`);
  });

  it("names where an operationId went when another operation took it over", () => {
    // The move this spec made: listWebhooks left the account path for the token path.
    const changes = changesOf((spec) => {
      spec.paths[many].get.operationId = "listTokenWebhooks";
      spec.paths[pathOf(ACCOUNT_LIST)].get.operationId = "listWebhooks";
    });
    expect(changes).toEqual([
      {
        rule: "operation-id-changed",
        location: LIST,
        detail: `operationId listWebhooks is now listTokenWebhooks; listWebhooks now names ${ACCOUNT_LIST}`,
      },
      {
        rule: "operation-id-changed",
        location: ACCOUNT_LIST,
        detail: "operationId listAccountWebhooks is now listWebhooks",
      },
    ]);
  });

  it("sees a renamed path parameter as a parameter change, not a removed operation", () => {
    const lines = breaksOf((spec) => {
      const renamedPath = one.replace("{webhook_id}", "{id}");
      spec.paths[renamedPath] = spec.paths[one];
      delete spec.paths[one];
      spec.components.parameters.WebhookId.name = "id";
    });
    const renamed = GET.replace("{webhook_id}", "{id}");
    expect(lines).toContain(`parameter-removed @ ${renamed} › path parameter webhook_id`);
    expect(lines).toContain(`parameter-added-required @ ${renamed} › path parameter id`);
    expect(lines.filter((line) => line.startsWith("operation-removed"))).toEqual([]);
  });
});

describe("bodies, status codes and components", () => {
  it("flags a request body that became required, in each operation sharing it by $ref", () => {
    const lines = breaksOf(
      () => {},
      (spec) => {
        spec.components.requestBodies.UpdateWebhook.required = false;
      },
    );
    expect(lines).toEqual([
      `request-body-became-required @ ${UPDATE} › request body`,
      `request-body-became-required @ ${ACCOUNT_UPDATE} › request body`,
    ]);
  });

  it("follows $ref'd request bodies and responses: inlining them changes nothing", () => {
    const inline = (spec: Spec) => {
      for (const item of Object.values(spec.paths) as Spec[]) {
        for (const operation of Object.values(item).filter((node) => node.responses) as Spec[]) {
          if (operation.requestBody)
            operation.requestBody = structuredClone(followRefs(operation.requestBody, spec));
          for (const [status, response] of Object.entries(operation.responses) as [string, Spec][]) {
            operation.responses[status] = structuredClone(followRefs(response, spec));
          }
        }
      }
    };
    expect(breaksOf(inline)).toEqual([]);
    expect(breaksOf(() => {}, inline)).toEqual([]);
    // And a change inside an inlined copy is still seen.
    const dropped = breaksOf((spec) => {
      inline(spec);
      delete spec.paths[one].get.responses["200"].content["application/json"];
    });
    expect(dropped).toEqual([`media-type-removed @ ${GET} › response 200 (application/json)`]);
  });

  it("flags a removed media type", () => {
    const lines = breaksOf(
      (spec) => delete spec.webhooks.sendingEvents.post.requestBody.content["application/jsonl"],
    );
    expect(lines).toEqual([`media-type-removed @ ${SENDING} › request body (application/jsonl)`]);
  });

  it("flags a response media type added beside JSON, not a request one", () => {
    const lines = breaksOf((spec) => {
      spec.components.responses.WebhookFound.content["application/xml"] = { schema: { type: "string" } };
      spec.components.requestBodies.CreateWebhook.content["application/xml"] = { schema: { type: "string" } };
    });
    expect(lines).toEqual([
      `media-type-added @ ${GET} › response 200 (application/xml)`,
      `media-type-added @ ${ACCOUNT_GET} › response 200 (application/xml)`,
    ]);
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
