export { type DeliverTestEventsOptions, type DeliveryResult, deliverTestEvents } from "./deliver.js";
export { type ListenError, type MockServer, type MockServerOptions, startMockServer } from "./server.js";
export { type DeliveryKind, exampleEvents, specPath } from "./spec.js";
