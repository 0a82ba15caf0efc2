export { type DeliverTestEventsOptions, type DeliveryResult, deliverTestEvents } from "./deliver.js";
export {
  ConnectionError,
  InvalidArgumentError,
  ListenError,
  MailtrapMockError,
} from "./errors.js";
export type { MockServer, MockServerOptions } from "./server.js";
export {
  type DeliveryAttempt,
  type EmitOptions,
  type RateLimit,
  type SimulatedWebhook,
  type Simulator,
  type SimulatorAccount,
  type SimulatorOptions,
  startSimulator,
} from "./simulator.js";
export { type DeliveryKind, exampleEvents, specPath } from "./spec.js";

import type { MockServer, MockServerOptions } from "./server.js";

/**
 * Starts Prism in this process, serving the Webhooks API from the spec; see `./server.ts`.
 * Prism is loaded on the first call (about 2 s), so importing this package for the simulator
 * or test deliveries does not load it.
 */
export async function startMockServer(options?: MockServerOptions): Promise<MockServer> {
  const server = await import("./server.js");
  return server.startMockServer(options);
}
