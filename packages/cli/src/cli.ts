/**
 * mailtrap-webhooks: manage Mailtrap webhooks, keep them in a file (plan / apply), watch and
 * trigger deliveries. Exit codes: 0 done, 1 failed, 2 changes pending (plan).
 */
import { setFlagsFromString } from "node:v8";
import { deliveryEntries } from "@mailtrap-webhooks/spec";
import { payloadFormatValues, sendingStreamValues, webhookTypeValues } from "@mailtrap-webhooks/types";
import { Command, Option } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { CliError, type FailureContext, reportFailure } from "./failure.js";
import {
  createCommand,
  deleteCommand,
  type FieldFlags,
  getCommand,
  listCommand,
  updateCommand,
} from "./manage.js";
import { info } from "./output.js";
import {
  accountGiven,
  accountVariable,
  clientFor,
  type TargetOptions,
  timeoutFrom,
  tokenVariable,
} from "./target.js";

// Before the first fetch: a command makes a few requests, so V8's baseline compile of fetch's
// WebAssembly HTTP parser is enough. Without this, Node 20 also optimizes it on background
// threads and waits for them before it exits (about 0.15 CPU-s and 0.1 s per command).
setFlagsFromString("--liftoff-only");

const secretVariable = "MAILTRAP_WEBHOOK_SECRET";
const deliveryKinds = Object.keys(deliveryEntries);
// plan/apply (YAML, Ajv), listen and trigger load their modules when run, so the other
// commands, --help and --version start quickly.
const sync = () => import("./sync.js");

interface GlobalOptions extends TargetOptions {
  json?: boolean;
  debug?: boolean;
}

const program = new Command("mailtrap-webhooks")
  .description("Manage Mailtrap webhooks, keep them in a file (plan / apply), watch and trigger deliveries.")
  .version(packageJson.version)
  .option(
    "--token <token>",
    `API token (prefer the ${tokenVariable} variable: command lines are visible to others)`,
  )
  .option("--account <id>", `account id; without it the token's account is used (or ${accountVariable})`)
  .option("--base-url <url>", "API base URL, e.g. a local simulator (default https://mailtrap.io)")
  .option(
    "--rate-limit <requests/seconds>",
    "requests per token the client allows itself, waiting when needed (default Mailtrap's 150/10; off to disable)",
  )
  .option(
    "--timeout-ms <ms>",
    "how long to wait for each answer, in ms (default 30000): Mailtrap's to each API request; for trigger, the receiver's",
  )
  .option("--json", "print machine-readable JSON on stdout")
  .option("--debug", "print stack traces of failures")
  // Every command's --help lists these too, e.g. --timeout-ms under trigger.
  .configureHelp({ showGlobalOptions: true })
  .showHelpAfterError()
  .addHelpText(
    "after",
    `\nEnvironment: ${tokenVariable}, ${accountVariable}, ${secretVariable}, NO_COLOR, FORCE_COLOR.\nExit codes: 0 done, 1 failed, 2 changes pending (plan).`,
  );

const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();
const client = (command: Command) =>
  clientFor(globals(command), `mailtrap-webhooks-cli/${packageJson.version}`);

/**
 * Runs a command's action; a failure becomes one line on stderr and exit code 1. `byId`: the
 * command's requests name a webhook id, which is what a 404 then asks to check.
 */
function run<A extends unknown[]>(
  action: (...args: A) => Promise<unknown>,
  context: Pick<FailureContext, "byId"> = {},
) {
  return async (...args: A) => {
    const command = args[args.length - 1] as Command;
    try {
      const code = await action(...args);
      process.exitCode = typeof code === "number" ? code : 0;
    } catch (error) {
      const options = globals(command);
      reportFailure(error, options.debug ?? false, { ...context, account: accountGiven(options) });
      process.exitCode = 1;
    }
  };
}

function fieldFlags(command: Command, options: { includeCreateOnly: boolean }): Command {
  command
    .option("--url <url>", "where Mailtrap POSTs the deliveries")
    .addOption(new Option("--format <format>", "payload format").choices([...payloadFormatValues]))
    .option("--events <list>", "comma-separated event types, e.g. delivery,bounce")
    .option("--inbox <id>", "inbound inbox id (inbound_receiving)");
  if (options.includeCreateOnly) {
    command
      .addOption(new Option("--type <type>", "webhook type").choices([...webhookTypeValues]))
      .addOption(
        new Option("--stream <stream>", "sending stream (email_sending)").choices([...sendingStreamValues]),
      )
      .option("--domain <id>", "sending domain id (email_sending, campaigns); default all domains")
      .option("--inactive", "create it paused");
  } else {
    command.option("--active", "resume deliveries").option("--inactive", "pause deliveries");
  }
  return command;
}

type FlagInput = Omit<FieldFlags, "active"> & { active?: boolean; inactive?: boolean };
function activeFrom(flags: FlagInput): FieldFlags {
  const { inactive, active, ...rest } = flags;
  if (inactive && active) throw new CliError("Give --active or --inactive, not both.");
  return { ...rest, ...(inactive ? { active: false } : active ? { active: true } : {}) };
}

program
  .command("list")
  .description("list the account's webhooks")
  .action(run(async (_options: object, command: Command) => listCommand(client(command), globals(command))));

program
  .command("get")
  .description("show one webhook")
  .argument("<id>", "webhook id")
  .action(
    run(
      async (id: string, _options: object, command: Command) =>
        getCommand(client(command), id, globals(command)),
      { byId: true },
    ),
  );

fieldFlags(program.command("create").description("create a webhook; its signing secret is shown once"), {
  includeCreateOnly: true,
})
  .option("--secret-out <file>", "write the signing secret to this file (mode 0600) instead of printing it")
  .action(
    run(async (options: FlagInput & { secretOut?: string }, command: Command) => {
      if (!options.url || !options.type) throw new CliError("create needs --url and --type.");
      return createCommand(client(command), {
        ...activeFrom(options),
        ...globals(command),
        secretOut: options.secretOut,
      });
    }),
  );

fieldFlags(program.command("update").description("change a webhook's url, events, format, inbox or state"), {
  includeCreateOnly: false,
})
  .argument("<id>", "webhook id")
  .action(
    run(
      async (id: string, options: FlagInput, command: Command) =>
        updateCommand(client(command), id, { ...activeFrom(options), ...globals(command) }),
      { byId: true },
    ),
  );

program
  .command("delete")
  .description("delete a webhook (asks first on a terminal)")
  .argument("<id>", "webhook id")
  .option("-y, --yes", "do not ask")
  .action(
    run(
      async (id: string, options: { yes?: boolean }, command: Command) =>
        deleteCommand(client(command), id, { ...globals(command), yes: options.yes }),
      { byId: true },
    ),
  );

program
  .command("plan")
  .description("show what apply would change to make the account match the file (exit 2 if anything)")
  .requiredOption("-f, --file <file>", "webhooks file (YAML or JSON) with a top-level webhooks: list")
  .option("--prune", "also delete webhooks the file does not declare")
  .action(
    run(async (options: { file: string; prune?: boolean }, command: Command) =>
      sync().then(({ planCommand }) =>
        planCommand(client(command), { ...options, json: globals(command).json }),
      ),
    ),
  );

program
  .command("apply")
  .description("make the account match the file: create, update and (with --prune) delete")
  .requiredOption("-f, --file <file>", "webhooks file (YAML or JSON) with a top-level webhooks: list")
  .option("--prune", "also delete webhooks the file does not declare")
  .option("-y, --yes", "do not ask")
  .option("--secret-out <file>", "add the signing secrets of created webhooks to this file (mode 0600)")
  .action(
    run(
      async (
        options: { file: string; prune?: boolean; yes?: boolean; secretOut?: string },
        command: Command,
      ) => {
        const { applyCommand } = await sync();
        const global = globals(command);
        return applyCommand(client(command), {
          ...options,
          json: global.json,
          account: accountGiven(global),
        });
      },
    ),
  );

program
  .command("listen")
  .description("receive deliveries locally, show each one, and forward them to your app")
  .option("--port <port>", "port to listen on (0 picks a free one)", "4242")
  .option("--host <host>", "address to listen on", "127.0.0.1")
  .option(
    "--secret <secret>",
    `signing secret to verify with (prefer the ${secretVariable} variable: command lines are visible to others)`,
  )
  .option("--forward-to <url>", "POST each verified delivery, byte for byte, to this URL")
  .action(
    run(
      async (
        options: { port: string; host: string; secret?: string; forwardTo?: string },
        command: Command,
      ) => {
        const port = /^\d+$/.test(options.port) ? Number(options.port) : Number.NaN;
        if (!(port >= 0 && port <= 65535))
          throw new CliError(`--port must be 0..65535, got "${options.port}".`);
        if (options.forwardTo) positiveForwardUrl(options.forwardTo);
        const secret = options.secret ?? process.env[secretVariable];
        const { startListener } = await import("./listen.js");
        const { json } = globals(command);
        const listener = await startListener({ ...options, port, secret, json });
        // With --json, stdout carries only the deliveries' JSON lines.
        (json ? process.stderr : process.stdout).write(
          `Listening on ${listener.url}${options.forwardTo ? `, forwarding to ${options.forwardTo}` : ""}\n`,
        );
        if (!secret)
          info(`No signing secret (${secretVariable} or --secret): deliveries are shown unverified.`);
        await new Promise<void>((resolve) => {
          const stop = () => void listener.close().then(resolve);
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
      },
    ),
  );

function positiveForwardUrl(text: string): void {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol))
    throw new CliError(`--forward-to must be an http(s) URL, got "${text}".`);
}

program
  .command("trigger")
  .description("send one signed test delivery: the spec's examples of KIND, or your own events")
  .argument("[kind]", `what to send: ${deliveryKinds.join(", ")}`, "sending")
  .requiredOption("--url <url>", "where to send it, e.g. your local endpoint")
  .option("--format <format>", "json or jsonlines (inbound: json only)")
  .option("--file <file>", 'events to send: a JSON array, a {"events": [...]} batch, or JSON Lines')
  .option(
    "--secret <secret>",
    `signing secret (prefer the ${secretVariable} variable: command lines are visible to others)`,
  )
  .action(
    run(
      async (
        kind: string,
        options: { url: string; format?: string; file?: string; secret?: string },
        command: Command,
      ) =>
        import("./trigger.js").then(({ triggerCommand }) =>
          triggerCommand({
            ...options,
            kind,
            secret: options.secret ?? process.env[secretVariable],
            json: globals(command).json,
            // The global --timeout-ms, bounded as setTimeout needs.
            timeoutMs: timeoutFrom(globals(command).timeoutMs) ?? 30_000,
          }),
        ),
    ),
  );

await program.parseAsync(process.argv);
