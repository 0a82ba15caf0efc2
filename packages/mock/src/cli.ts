import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { type DeliveryKind, deliveryEntries } from "@mailtrap-webhooks/spec";
import { deliverTestEvents, deliveryFormats } from "./deliver.js";
import { maxTimerMs } from "./timers.js";

// Before the first fetch: a command makes a few requests, so V8's baseline compile of fetch's
// WebAssembly HTTP parser is enough. Without this, Node 20 also optimizes it on background
// threads and waits for them before it exits (about 0.15 CPU-s and 0.1 s per command).
setFlagsFromString("--liftoff-only");

const secretVariable = "MAILTRAP_WEBHOOK_SECRET";
// The spec's deliveries, so a kind added there shows up here without an edit.
const kinds = Object.keys(deliveryEntries) as DeliveryKind[];

const usage = `Usage:
  mailtrap-webhooks-mock [serve] [--port 4010] [--host 127.0.0.1] [--dynamic] [--seed S] [--verbose]
      Serve the Webhooks API mock until Ctrl+C. --port 0 lets the OS pick a free port.
  mailtrap-webhooks-mock deliver --url URL [--format json|jsonlines] [--kind ${kinds.join("|")}] [--timeout-ms 30000]
      POST one signed delivery of the spec's example events of one kind to a receiver:
      sending (email_sending), campaigns, audit_log or inbound (inbound_receiving, JSON only).
      The signing secret is read from ${secretVariable}; --secret SECRET overrides it,
      but other users of this machine can read command-line arguments (e.g. with ps).
  mailtrap-webhooks-mock simulate [--port 4020] [--host 127.0.0.1] [--time-scale 1]
      Serve a stateful local Mailtrap until Ctrl+C: webhooks created on it are kept, and events
      POSTed to /simulator/emit are delivered to them, signed and retried as Mailtrap does.
      Prints one line per delivery attempt. --time-scale 0.001 makes 5 minutes 300 ms.
  mailtrap-webhooks-mock help | serve --help | deliver --help | simulate --help
`;

// Prism's close() waits for requests in flight and gives no handle to cut them off.
const shutdownGraceMs = 2_000;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function help(): never {
  console.log(usage);
  process.exit(0);
}

// Digits only: Number() would read "" as 0 and "0x1F90" as 8080.
function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) fail(`${flag} must be ${min}..${max}, got "${text}"`);
  return value;
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      dynamic: { type: "boolean", default: false },
      seed: { type: "string" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) help();
  const port = wholeNumber("--port", values.port, 0, 65535);
  // Loaded here, not at the top: Prism takes about 2 s to load, and deliver or --help need none of it.
  const { startMockServer } = await import("./server.js");
  const server = await startMockServer({
    port,
    host: values.host,
    dynamic: values.dynamic,
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    logLevel: values.verbose ? "info" : "silent",
  });
  console.log(`Mailtrap Webhooks API mock listening on ${server.url}`);
  // Both path forms are served: token-scoped, and with an account id.
  console.log(`Try: curl -H 'Api-Token: any' ${server.url}/api/webhooks`);
  console.log(`  or curl -H 'Api-Token: any' ${server.url}/api/accounts/1/webhooks`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Unref'd: when close() finishes first, the timer must not keep the process alive.
    setTimeout(() => {
      console.error(`A request was still open after ${shutdownGraceMs / 1000} s; exiting without it.`);
      process.exit(0);
    }, shutdownGraceMs).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Closing the mock failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function simulate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "4020" },
      host: { type: "string", default: "127.0.0.1" },
      "time-scale": { type: "string", default: "1" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) help();
  const port = wholeNumber("--port", values.port, 0, 65535);
  const timeScaleText = values["time-scale"];
  const timeScale = /^\d+(\.\d+)?(e-?\d+)?$/i.test(timeScaleText) ? Number(timeScaleText) : Number.NaN;
  if (!Number.isFinite(timeScale)) fail(`--time-scale must be a number ≥ 0, got "${timeScaleText}"`);
  const { describeAttempt, startSimulator } = await import("./simulator.js");
  const simulator = await startSimulator({
    port,
    host: values.host,
    timeScale,
    onDelivery: (attempt) => console.log(describeAttempt(attempt)),
  });
  console.log(`Mailtrap simulator listening on ${simulator.url}`);
  console.log(`Create a webhook: curl -H 'Api-Token: any' -H 'Content-Type: application/json' \\
  -d '{"webhook":{"url":"http://127.0.0.1:3000/hooks","webhook_type":"audit_log"}}' ${simulator.url}/api/webhooks`);
  console.log(
    `Emit events: curl -H 'Content-Type: application/json' -d '{"events":[...]}' ${simulator.url}/simulator/emit`,
  );
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function deliver(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string" },
      secret: { type: "string" },
      format: { type: "string", default: "json" },
      kind: { type: "string", default: "sending" },
      "timeout-ms": { type: "string", default: "30000" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) help();
  if (!values.url) fail("deliver needs --url");
  // --secret wins when given; the variable is the way that does not show up in ps.
  const secret = values.secret ?? process.env[secretVariable];
  if (!secret) fail(`deliver needs the webhook's signing secret: set ${secretVariable} (or pass --secret)`);
  if (values.format !== "json" && values.format !== "jsonlines") {
    fail(`--format must be json or jsonlines, got "${values.format}"`);
  }
  const kind = kinds.find((known) => known === values.kind);
  if (!kind) fail(`--kind must be one of ${kinds.join(", ")}, got "${values.kind}"`);
  const formats = deliveryFormats(kind);
  if (!formats.includes(values.format)) {
    fail(`--kind ${kind} is delivered as ${formats.join(" or ")} only, not ${values.format}`);
  }
  const timeoutMs = wholeNumber("--timeout-ms", values["timeout-ms"], 1, maxTimerMs);
  const result = await deliverTestEvents({
    url: values.url,
    secret,
    format: values.format,
    kind,
    timeoutMs,
  });
  console.log(`${result.events.length} events delivered to ${values.url}: HTTP ${result.status}`);
  if (result.status !== 200) {
    console.error(`The receiver answered ${result.status}; Mailtrap would retry this batch.`);
    process.exit(1);
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === undefined || command === "serve") await serve(rest);
  else if (command === "deliver") await deliver(rest);
  else if (command === "simulate") await simulate(rest);
  else if (command === "help" || command === "--help" || command === "-h") help();
  else if (command.startsWith("--")) await serve([command, ...rest]);
  else fail(`Unknown command "${command}".`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  // Unknown flags are usage mistakes; anything else (port in use, receiver unreachable) is not.
  if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) fail(message);
  console.error(message);
  process.exit(1);
}
