// Operation labels as the gate prints them ("GET /api/webhooks"), looked up in the spec by
// operationId, so a moved path changes them here without editing the tests.
import { loadSpec } from "@mailtrap-webhooks/spec";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every management operation's label, in document order (the order the gate reports in). */
export const OPERATIONS: string[] = [];
const labelById = new Map<string, string>();
for (const [path, item] of Object.entries(loadSpec().paths)) {
  for (const method of METHODS.filter((m) => item[m])) {
    const label = `${method.toUpperCase()} ${path}`;
    OPERATIONS.push(label);
    labelById.set(item[method].operationId, label);
  }
}

function label(operationId: string): string {
  const found = labelById.get(operationId);
  if (!found) throw new Error(`The spec has no operation ${operationId}`);
  return found;
}

// Token-scoped form.
export const LIST = label("listWebhooks");
export const CREATE = label("createWebhook");
export const GET = label("getWebhook");
export const UPDATE = label("updateWebhook");
export const DELETE = label("deleteWebhook");
// Account-scoped form: the same bodies and responses, through the same shared components.
export const ACCOUNT_LIST = label("listAccountWebhooks");
export const ACCOUNT_CREATE = label("createAccountWebhook");
export const ACCOUNT_GET = label("getAccountWebhook");
export const ACCOUNT_UPDATE = label("updateAccountWebhook");
export const ACCOUNT_DELETE = label("deleteAccountWebhook");

export const SENDING = "webhook POST sendingEvents";
export const AUDIT = "webhook POST auditLogEvents";

export const JSON_BODY = "request body (application/json)";
export const OK_JSON = "response 200 (application/json)";
