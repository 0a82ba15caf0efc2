/**
 * listen: a local endpoint that shows each delivery as it arrives (verified or rejected, one
 * line per event) and, with --forward-to, passes the exact bytes and signature on to the app
 * and answers with the app's status, so Mailtrap (or the simulator) sees what the app said.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  DEFAULT_MAX_BODY_BYTES,
  formatFromContentType,
  type ParsedEvent,
  parseEvents,
  verifySignature,
} from "@mailtrap-webhooks/receiver";
import { info, pc } from "./output.js";

export interface ListenOptions {
  port: number;
  host: string;
  secret?: string | undefined;
  forwardTo?: string | undefined;
  json?: boolean;
  /** How long to wait for the app behind --forward-to; Mailtrap waits 30 s. */
  forwardTimeoutMs?: number;
}

export interface Listener {
  url: string;
  close(): Promise<void>;
}

type Verdict = "verified" | "rejected" | "unsigned" | "unverified";

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > DEFAULT_MAX_BODY_BYTES) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** kind, event name, and who: the recipient of a sending event, the actor of an audit-log event. */
function eventLine(item: ParsedEvent): string {
  const event = item.event as Record<string, unknown>;
  const actor = event.actor as { name?: unknown } | undefined;
  const who = event.email ?? actor?.name ?? event.from ?? event.message_id ?? "";
  return `  ${item.kind.padEnd(9)}  ${String(event.event ?? "?").padEnd(24)}  ${String(who)}`;
}

const clock = () => new Date().toTimeString().slice(0, 8);

export async function startListener(options: ListenOptions): Promise<Listener> {
  // Forwards in flight, aborted by close() so that Ctrl+C does not wait for a hanging app.
  const forwards = new Set<AbortController>();
  const server = createServer((request, response) => {
    handle(request, response, options, forwards).catch((error: unknown) => {
      info(`${pc.red("error:")} ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  server.listen(options.port, options.host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      for (const forward of forwards) forward.abort(stopped);
      server.closeAllConnections();
      server.close();
      if (server.listening) await once(server, "close");
    },
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: ListenOptions,
  forwards: Set<AbortController>,
): Promise<void> {
  const answer = (status: number, text: string) => {
    response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
    response.end(text);
  };
  if (request.method !== "POST") return answer(405, "Mailtrap POSTs deliveries.");
  const body = await readBody(request);
  if (!body) return answer(413, "Payload Too Large.");

  const header = request.headers["mailtrap-signature"] ?? request.headers["x-mailtrap-signature"];
  const signature = Array.isArray(header) ? header[0] : header;
  const contentType = request.headers["content-type"];
  let verdict: Verdict = "unverified";
  if (options.secret) {
    if (!signature) verdict = "unsigned";
    else verdict = (await verifySignature(body, signature, options.secret)) ? "verified" : "rejected";
  }

  const format = formatFromContentType(contentType);
  let events: ParsedEvent[] = [];
  let problem: string | undefined;
  if (verdict === "rejected" || verdict === "unsigned")
    problem = verdict === "rejected" ? "signature mismatch" : "no signature";
  else if (!format) problem = `unsupported content type ${contentType ?? "(none)"}`;
  else {
    try {
      events = parseEvents(body, { format });
    } catch (error) {
      problem = (error as Error).message;
    }
  }

  let forwarded: { status?: number; error?: string } | undefined;
  if (!problem && options.forwardTo) forwarded = await forward(body, request, options, forwards);

  const status = problem
    ? verdict === "rejected"
      ? 401
      : 400
    : (forwarded?.status ?? (forwarded ? 502 : 200));
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({
        time: new Date().toISOString(),
        path: request.url,
        format: format ?? null,
        verdict,
        problem: problem ?? null,
        events: events.map((item) => ({ kind: item.kind, event: item.event })),
        forwarded: forwarded ?? null,
        status,
      })}\n`,
    );
  } else {
    const colour = verdict === "verified" ? pc.green : verdict === "unverified" ? pc.yellow : pc.red;
    const what = problem ? pc.red(problem) : `${events.length} event(s)`;
    const downstream = forwarded
      ? ` → ${forwarded.status ?? pc.red(forwarded.error ?? "no answer")} ${options.forwardTo}`
      : "";
    process.stdout.write(
      `${clock()}  ${request.url}  ${format ?? "?"}  ${colour(verdict)}  ${what}${downstream}  (answered ${status})\n`,
    );
    for (const item of events) process.stdout.write(`${eventLine(item)}\n`);
  }
  answer(status, problem ?? (forwarded ? `forwarded: ${forwarded.status ?? forwarded.error}` : "OK"));
}

const stopped = new Error("listen stopped");

async function forward(
  body: Buffer,
  request: IncomingMessage,
  options: ListenOptions,
  forwards: Set<AbortController>,
): Promise<{ status?: number; error?: string }> {
  const headers: Record<string, string> = {};
  for (const name of ["content-type", "mailtrap-signature", "x-mailtrap-signature"]) {
    const value = request.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  // One signal for the timeout and for close(), linked by hand: AbortSignal.any needs Node 20.3.
  const controller = new AbortController();
  const timeout = new Error("no answer in time");
  const timer = setTimeout(() => controller.abort(timeout), options.forwardTimeoutMs ?? 30_000);
  forwards.add(controller);
  try {
    const downstream = await fetch(options.forwardTo as string, {
      method: "POST",
      headers,
      body: new Uint8Array(body),
      signal: controller.signal,
    });
    await downstream.arrayBuffer();
    return { status: downstream.status };
  } catch (error) {
    const reason = controller.signal.reason;
    if (reason === timeout || reason === stopped) return { error: (reason as Error).message };
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { error: cause ?? (error as Error).message };
  } finally {
    clearTimeout(timer);
    forwards.delete(controller);
  }
}
