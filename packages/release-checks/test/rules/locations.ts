// Operation labels as the gate prints them.
export const LIST = "GET /api/accounts/{account_id}/webhooks";
export const CREATE = "POST /api/accounts/{account_id}/webhooks";
export const GET = "GET /api/accounts/{account_id}/webhooks/{webhook_id}";
export const UPDATE = "PATCH /api/accounts/{account_id}/webhooks/{webhook_id}";
export const DELETE = "DELETE /api/accounts/{account_id}/webhooks/{webhook_id}";
export const SENDING = "webhook POST sendingEvents";
export const AUDIT = "webhook POST auditLogEvents";

export const JSON_BODY = "request body (application/json)";
export const OK_JSON = "response 200 (application/json)";
