import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AuditLogEvent, SendingEvent } from "@mailtrap-webhooks/types";
import { parse } from "yaml";

/** The spec shipped with this package: a build-time copy of the repository's spec/. */
export const specPath: string = fileURLToPath(
  new URL("../spec/mailtrap-webhooks.openapi.yaml", import.meta.url),
);

/** Which delivery the example events come from, named after the spec's `webhooks` entries. */
export type DeliveryKind = "sending" | "audit_log";

const deliveryByKind = { sending: "sendingEvents", audit_log: "auditLogEvents" } as const;

// Only the corner of an OpenAPI document this module reads.
interface ExampleObject {
  $ref?: string;
  value?: unknown;
}
interface SpecDocument {
  webhooks: Record<
    string,
    { post: { requestBody: { content: Record<string, { examples: Record<string, ExampleObject> }> } } }
  >;
  components: { examples: Record<string, ExampleObject> };
}

let document: SpecDocument | undefined;
function loadSpec(): SpecDocument {
  document ??= parse(readFileSync(specPath, "utf8")) as SpecDocument;
  return document;
}

/**
 * The example events the spec gives for one kind of delivery (its JSON Lines examples),
 * in document order. These are what `deliverTestEvents` sends by default.
 */
export function exampleEvents(kind: "sending"): SendingEvent[];
export function exampleEvents(kind: "audit_log"): AuditLogEvent[];
export function exampleEvents(kind: DeliveryKind): Array<SendingEvent | AuditLogEvent>;
export function exampleEvents(kind: DeliveryKind): Array<SendingEvent | AuditLogEvent> {
  const spec = loadSpec();
  const delivery = spec.webhooks[deliveryByKind[kind]];
  const examples = delivery?.post.requestBody.content["application/jsonl"]?.examples ?? {};
  return Object.values(examples).map((example) => {
    const resolved = example.$ref
      ? spec.components.examples[example.$ref.replace("#/components/examples/", "")]
      : example;
    if (resolved?.value === undefined)
      throw new Error(`The spec's example ${example.$ref ?? "(inline)"} has no value.`);
    return structuredClone(resolved.value) as SendingEvent | AuditLogEvent;
  });
}
