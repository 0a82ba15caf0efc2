// What users see in their editor: the exported names, and how types print in hovers.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const index = fileURLToPath(new URL("../src/index.ts", import.meta.url));
const generated = fileURLToPath(new URL("../src/generated/openapi.ts", import.meta.url));

// The lib and @types files, parsed (and bound) once for all the programs below: the bulk of
// their cost, and the same for each since only the scratch file differs.
const parsed = new Map<string, ts.SourceFile | undefined>();

/** A program over src/index.ts plus one scratch file that imports from it. */
function typesOf(scratch: string) {
  const scratchPath = fileURLToPath(new URL("./__hover__.ts", import.meta.url));
  const options: ts.CompilerOptions = {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (path) => (path === scratchPath ? scratch : readFile(path));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (path, ...rest) => {
    if (path === scratchPath) return getSourceFile(path, ...rest);
    if (!parsed.has(path)) parsed.set(path, getSourceFile(path, ...rest));
    return parsed.get(path);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (path) => path === scratchPath || fileExists(path);
  const program = ts.createProgram([index, scratchPath], options, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(scratchPath);
  if (!source) throw new Error("scratch file not loaded");
  /** How the editor prints the type of each `const name` in the scratch file. */
  const printed: Record<string, string> = {};
  source.forEachChild(function visit(node) {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      printed[node.name.text] = checker.typeToString(checker.getTypeAtLocation(node.name));
    }
    node.forEachChild(visit);
  });
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index) as ts.SourceFile);
  const exported = checker.getExportsOfModule(moduleSymbol as ts.Symbol).map((symbol) => symbol.name);
  return { printed, exported };
}

describe("exported names", () => {
  const { exported } = typesOf("export {};");

  it("are the curated ones: no generator helpers, no $defs", () => {
    expect(exported).toEqual(
      expect.arrayContaining(["Webhook", "BounceEvent", "paths", "webhookTypeValues"]),
    );
    for (const name of exported) {
      expect(name).not.toMatch(/^\$|_|^Response(?!Body$)[A-Z]|^Parameter[A-Z]|^RequestBody[A-Z]|^Flattened/);
    }
    expect(exported).not.toContain("ReadonlyArray");
  });

  it("keep every name the other packages import", () => {
    expect(exported).toEqual(
      expect.arrayContaining([
        "AuditLogEvent",
        "CampaignEvent",
        "CreateWebhookRequest",
        "CreatedWebhook",
        "EventType",
        "InboundEvent",
        "OperationId",
        "PayloadFormat",
        "ResponseBody",
        "SendingEvent",
        "SendingEventName",
        "SendingEventOf",
        "UpdateWebhookRequest",
        "ValidationErrorBody",
        "Webhook",
        "WebhookEvent",
        "eventTypeValues",
        "operations",
        "paths",
        "sendingEventNameValues",
        "requiredFields",
      ]),
    );
  });

  it("the generated module declares no global-shadowing helper types", () => {
    const text = readFileSync(generated, "utf8");
    expect(text).not.toMatch(/type ReadonlyArray|FlattenedDeepRequired/);
    expect(text).not.toContain('components["schemas"]');
  });
});

describe("hovers show the spec's names", () => {
  const { printed } = typesOf(`
    import type { SendingEventOf, WebhookListResponse, CreatedWebhook, ResponseBody, SendingEvent } from "../src/index.js";
    declare const list: WebhookListResponse;
    export const first = list.data[0];
    export const bounce = null as unknown as SendingEventOf<"bounce">;
    declare const created: CreatedWebhook;
    export const kind = created.webhook_type;
    export const found = null as unknown as ResponseBody<"getWebhook", 200>["data"];
    declare const event: SendingEvent;
    export const narrowed = event.event === "bounce" ? event : undefined;
  `);

  it.each([
    ["first", "Webhook"],
    ["bounce", "BounceEvent"],
    ["kind", "WebhookType"],
    ["found", "Webhook"],
    ["narrowed", "BounceEvent | undefined"],
  ])("%s prints as %s", (name, expected) => {
    expect(printed[name]).toBe(expected);
  });
});
