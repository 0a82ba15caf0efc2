import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { specPath } from "@mailtrap-webhooks/spec";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain .mjs script without declarations
import { committedCopy, generate } from "../scripts/generate.mjs";
import { eventTypeValues, requiredFields, sendingEventNameValues, webhookTypeValues } from "../src/index.js";

const scratch = mkdtempSync(join(tmpdir(), "types-spec-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// That the committed types match a fresh generation is the `check-generated` task of `pnpm test`.
describe("generated types", () => {
  it("change when a description in the spec changes", async () => {
    const edited = readFileSync(specPath, "utf8").replace(
      "description: The numeric id of the webhook.",
      "description: The webhook's numeric id, edited.",
    );
    const editedPath = join(scratch, "edited.yaml");
    writeFileSync(editedPath, edited);
    const output: string = await generate(editedPath);
    expect(output).not.toBe(committedCopy());
    expect(output).toContain("The webhook's numeric id, edited.");
  });

  it("export the spec's enums as runtime arrays", () => {
    expect(webhookTypeValues).toEqual(["email_sending", "campaigns", "audit_log", "inbound_receiving"]);
    expect(eventTypeValues).toContain("spam_complaint");
    expect(sendingEventNameValues).toContain("soft bounce");
  });

  it("list the required fields of each answer schema with their JSON types", () => {
    expect(requiredFields.Webhook).toEqual({
      id: "integer",
      url: "string",
      active: "boolean",
      webhook_type: "string",
      payload_format: "string",
    });
    expect(requiredFields.CreatedWebhook).toEqual({ ...requiredFields.Webhook, signing_secret: "string" });
  });

  it("derive the required fields from the spec: requiring one more field adds it to the table", async () => {
    const spec = readFileSync(specPath, "utf8");
    const required = "required: [id, url, active, webhook_type, payload_format]";
    expect(spec).toContain(required);
    const editedPath = join(scratch, "required.yaml");
    writeFileSync(editedPath, spec.replace(required, required.replace("]", ", domain_id]")));
    const output: string = await generate(editedPath);
    const table = output.slice(output.indexOf("export const requiredFields"));
    expect(table).toContain('"domain_id": "integer|null"');
  });
});
