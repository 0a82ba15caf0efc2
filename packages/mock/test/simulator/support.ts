import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import { type Simulator, type SimulatorOptions, startSimulator } from "../../src/simulator.js";

const stops: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** A simulator that is closed after the test. */
export async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const started = await startSimulator(options);
  stops.push(() => started.close());
  return started;
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The statuses to answer with, in order; the last one repeats. Default 200. */
  answers: number[];
}

/** A real HTTP server that records every request and answers with the scripted statuses. */
export async function receiver(answers: number[] = [200]): Promise<Receiver> {
  const state: Receiver = { url: "", received: [], answers };
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    state.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
    const status = state.answers[Math.min(state.received.length, state.answers.length) - 1] ?? 200;
    response.writeHead(status, { "content-type": "text/plain" }).end(String(status));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  stops.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return state;
}

/** A management API request to the simulator, answered as parsed JSON. */
export async function call(
  sim: Simulator,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const { token = "test-token", body } = options;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers["api-token"] = token;
  if (body !== undefined && !("content-type" in headers)) headers["content-type"] = "application/json";
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as unknown, headers: response.headers };
}
