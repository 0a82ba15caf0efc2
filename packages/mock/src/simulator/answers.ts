/**
 * The bodies the simulator answers with. The documented ones are Mailtrap's, word for word
 * (API facts), typed with the generated types; the others (malformed requests, unknown
 * methods) follow the same `{ "error": "..." }` shape.
 */
import type {
  ForbiddenErrorBody,
  NotFoundErrorBody,
  RateLimitErrorBody,
  UnauthorizedErrorBody,
  ValidationErrorBody,
} from "@mailtrap-webhooks/types";

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const unauthorized: Answer = {
  status: 401,
  body: { error: "Incorrect API token" } satisfies UnauthorizedErrorBody,
};
export const forbidden: Answer = {
  status: 403,
  body: { errors: "Account access forbidden" } satisfies ForbiddenErrorBody,
};
export const notFound: Answer = { status: 404, body: { error: "Not Found" } satisfies NotFoundErrorBody };

export function rateLimited(retryAfterMs: number): Answer {
  return {
    status: 429,
    body: { errors: "Rate limit exceeded" } satisfies RateLimitErrorBody,
    headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  };
}

export function invalid(errors: ValidationErrorBody["errors"]): Answer {
  return { status: 422, body: { errors } satisfies ValidationErrorBody };
}

export function methodNotAllowed(allow: readonly string[]): Answer {
  return { status: 405, body: { error: "Method Not Allowed" }, headers: { allow: allow.join(", ") } };
}

export function errorAnswer(status: number, message: string): Answer {
  return { status, body: { error: message } };
}

export function ok(data: unknown): Answer {
  return { status: 200, body: { data } };
}
