import { parseArgs } from "node:util";
import { deliverTestEvents } from "./deliver.js";
import { startMockServer } from "./server.js";

const usage = `Usage:
  mailtrap-webhooks-mock [serve] [--port 4010] [--host 127.0.0.1] [--dynamic] [--seed S] [--verbose]
      Serve the Webhooks API mock until Ctrl+C.
  mailtrap-webhooks-mock deliver --url URL --secret SECRET [--format json|jsonlines] [--kind sending|audit_log]
      POST one signed delivery of the spec's example events to a receiver.
`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
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
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be 0..65535, got "${values.port}"`);
  const server = await startMockServer({
    port,
    host: values.host,
    dynamic: values.dynamic,
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    logLevel: values.verbose ? "info" : "silent",
  });
  console.log(`Mailtrap Webhooks API mock listening on ${server.url}`);
  console.log(`Try: curl -H 'Api-Token: any' ${server.url}/api/accounts/1/webhooks`);
  const stop = () => {
    server.close().then(() => process.exit(0));
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
    },
  });
  if (!values.url) fail("deliver needs --url");
  if (!values.secret) fail("deliver needs --secret (the webhook's signing secret)");
  if (values.format !== "json" && values.format !== "jsonlines") {
    fail(`--format must be json or jsonlines, got "${values.format}"`);
  }
  if (values.kind !== "sending" && values.kind !== "audit_log") {
    fail(`--kind must be sending or audit_log, got "${values.kind}"`);
  }
  const result = await deliverTestEvents({
    url: values.url,
    secret: values.secret,
    format: values.format,
    kind: values.kind,
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
  else if (command === "help" || command === "--help") console.log(usage);
  else if (command.startsWith("--")) await serve([command, ...rest]);
  else fail(`Unknown command "${command}".`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  // Unknown flags are usage mistakes; anything else (port in use, receiver unreachable) is not.
  if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) fail(message);
  console.error(message);
  process.exit(1);
}
