import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  deliveryEntries,
  deliveryFormats,
  exampleEvents,
  exampleValue,
  followRefs,
  jsonSchemaOf,
  loadDereferencedSpec,
  loadSpec,
  readSpecFile,
  resolveRef,
  specJsonPath,
  specPath,
} from "../dist/index.js";

// Tests run against the build (the YAML sits beside dist/index.js). The test may name the source: it checks that the shipped copy is that file, unchanged.
const source = new URL("../../../spec/mailtrap-webhooks.openapi.yaml", import.meta.url);

describe("the shipped document", () => {
  it("is the repository's spec, byte for byte, and the same document as JSON", () => {
    expect(readFileSync(specPath, "utf8")).toBe(readFileSync(source, "utf8"));
    expect(JSON.parse(readFileSync(specJsonPath, "utf8"))).toEqual(readSpecFile(specPath));
  });

  it("reads the same with js-yaml (what the loader uses) as with the yaml package's YAML 1.2 parser", () => {
    expect(readSpecFile(specPath)).toStrictEqual(parse(readFileSync(specPath, "utf8")));
  });

  it("is parsed once and frozen, so no reader changes what the next one sees", () => {
    const spec = loadSpec();
    expect(loadSpec()).toBe(spec);
    expect(Object.isFrozen(spec.components.schemas.Webhook)).toBe(true);
    expect(() => {
      (spec.components.schemas.Webhook as { required: string[] }).required.push("x");
    }).toThrow(TypeError);
  });

  it("dereferences every $ref, once", async () => {
    const spec = await loadDereferencedSpec();
    expect(await loadDereferencedSpec()).toBe(spec);
    expect(JSON.stringify(spec)).not.toContain('"$ref"');
    const list = spec.paths["/api/webhooks"]?.get.responses["200"].content["application/json"].schema;
    expect(list.properties.data.items.required).toEqual(loadSpec().components.schemas.Webhook?.required);
    // The parsed document keeps its $refs.
    expect(loadSpec().paths["/api/webhooks"]?.get.responses["200"].$ref).toBe(
      "#/components/responses/WebhookList",
    );
  });
});

describe("refs", () => {
  it("resolve local pointers, escapes included, and follow chains", () => {
    expect(resolveRef("#/components/schemas/Webhook").type).toBe("object");
    expect(resolveRef("#/paths/~1api~1webhooks").get.operationId).toBe("listWebhooks");
    const response = followRefs({ $ref: "#/components/responses/WebhookFound" });
    expect(response.content["application/json"].schema.$ref).toBe("#/components/schemas/WebhookResponse");
  });

  it("name what is missing", () => {
    expect(() => resolveRef("#/components/schemas/Nope")).toThrow("#/components/schemas/Nope");
    expect(() => resolveRef("other.yaml#/x")).toThrow(/Only local/);
  });
});

describe("examples", () => {
  it("give each delivery kind's events, from the delivery's own examples", () => {
    for (const kind of Object.keys(deliveryEntries) as Array<keyof typeof deliveryEntries>) {
      const events = exampleEvents(kind);
      expect(events.length, kind).toBeGreaterThan(0);
      for (const event of events) expect(typeof event.event, kind).toBe("string");
    }
    expect(exampleEvents("inbound").map((event) => event.event)).toEqual(["inbound.message_received"]);
    expect(new Set(exampleEvents("sending").map((event) => event.event)).size).toBe(
      exampleEvents("sending").length,
    );
  });

  it("are copies", () => {
    const first = exampleEvents("sending");
    (first[0] as { event: string }).event = "changed";
    expect(exampleEvents("sending")[0]?.event).not.toBe("changed");
    const list = exampleValue("WebhookList") as { data: unknown[] };
    list.data.length = 0;
    expect((exampleValue("WebhookList") as { data: unknown[] }).data.length).toBeGreaterThan(0);
    expect(() => exampleValue("Nope")).toThrow("Nope");
  });
});

describe("jsonSchemaOf", () => {
  it("gives a standalone schema whose every $ref resolves inside it", () => {
    const schema = jsonSchemaOf("CreateWebhookRequest");
    expect(schema.$ref).toBe("#/$defs/CreateWebhookRequest");
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(4);
    for (const ref of refs) {
      const name = /"#\/\$defs\/([^"]+)"/.exec(ref)?.[1];
      expect(name && schema.$defs[name], ref).toBeTruthy();
    }
  });

  it("names a schema the spec lacks", () => {
    expect(() => jsonSchemaOf("NoSuchSchema")).toThrow(/no schema NoSuchSchema/);
  });
});

describe("deliveryFormats", () => {
  it("reads each kind's formats from its delivery's media types", () => {
    expect(deliveryFormats("sending")).toEqual(["json", "jsonlines"]);
    expect(deliveryFormats("inbound")).toEqual(["json"]);
  });
});
