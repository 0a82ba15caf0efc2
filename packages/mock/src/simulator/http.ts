/**
 * The node:http adapter of the management API: turns a request into a `ManagementRequest` and
 * the `Answer` back into JSON. Nothing a client sends can crash it: every failure is a JSON error.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type Answer, errorAnswer, methodNotAllowed } from "./answers.js";
import { readJsonBody } from "./http-body.js";
import { handleManagement, type ManagementState } from "./management.js";

function send(response: ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    ...answer.headers,
  });
  response.end(body);
}

/** Not part of Mailtrap's API: `POST /simulator/emit` lets other processes (and the CLI's users) emit events. */
export const emitPath = "/simulator/emit";

/** Emits the events of a parsed `POST /simulator/emit` body and says what happened. */
export type EmitHandler = (body: unknown) => Promise<Answer>;

async function answer(
  request: IncomingMessage,
  state: ManagementState,
  maxBodyBytes: number,
  emit: EmitHandler,
): Promise<Answer> {
  let pathname: string;
  try {
    pathname = new URL(request.url ?? "/", "http://simulator").pathname;
  } catch {
    return errorAnswer(400, "The request path is not a valid URL path.");
  }
  if (pathname === emitPath) {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const body = await readJsonBody(request, maxBodyBytes);
    return body.ok ? emit(body.value) : errorAnswer(body.status, body.message);
  }
  return handleManagement(
    {
      method: request.method ?? "GET",
      pathname,
      headers: request.headers,
      readBody: () => readJsonBody(request, maxBodyBytes),
    },
    state,
  );
}

export function createManagementServer(
  state: ManagementState,
  maxBodyBytes: number,
  emit: EmitHandler,
): Server {
  return createServer((request, response) => {
    answer(request, state, maxBodyBytes, emit)
      .catch((error: unknown) => {
        // A bug of the simulator, not of the request: say so instead of hanging up.
        const reason = error instanceof Error ? error.message : String(error);
        return errorAnswer(500, `The simulator failed to answer: ${reason}`);
      })
      .then((result) => {
        // A body no operation read (e.g. on GET) is drained, so the connection stays usable.
        if (!request.complete) request.resume();
        send(response, result);
      });
  });
}
