/**
 * The `switchyard` command line.
 * @example npx switchyard test-event-pattern --event-pattern '{"source":["shop"]}' --event '{"source":"shop"}'
 */
import { Command } from "commander";
import { resolveApiAuth } from "../api/api-auth.js";
import {
  type ApiAuthOptions,
  type ApiServer,
  InvalidCredentialsError,
  startApiServer,
  UnprotectedEndpointError,
} from "../api/api-server.js";
import { AppDefinitionError } from "../core/app/index.js";
import { ValidationError } from "../core/errors.js";
import { InvalidEventPatternError, testEventPattern } from "../core/patterns/index.js";
import { createSwitchyard, SWITCHYARD_DEFAULTS, type Switchyard } from "../switchyard.js";
import { devAppFile } from "./dev-app.js";
import { startAppFile } from "./start-app.js";

const program = new Command("switchyard").description(
  "Run EventBridge, SQS and Lambda architectures locally with AWS semantics.",
);

/** The options `start` and `dev` share. */
interface RunOptions {
  readonly data: string;
  readonly durability: "normal" | "full";
  readonly publish?: string;
  readonly inProcess?: boolean;
  readonly exitWhenIdle?: boolean;
  readonly host: string;
  readonly port: string;
}

/** The environment variables strict mode's credentials come from: never arguments, which `ps` shows to all. */
const ACCESS_KEY_ID_VARIABLE = "SWITCHYARD_ACCESS_KEY_ID";
const SECRET_ACCESS_KEY_VARIABLE = "SWITCHYARD_SECRET_ACCESS_KEY";

const EXPOSING_THE_ENDPOINT = `
Exposing the endpoint:
  By default the AWS-compatible endpoint listens on 127.0.0.1 and accepts any request. With
  ${ACCESS_KEY_ID_VARIABLE} and ${SECRET_ACCESS_KEY_VARIABLE} set (environment
  variables, never arguments), it serves only requests signed (SigV4) with that key;
  the rest are refused with AWS's errors (SignatureDoesNotMatch, InvalidClientTokenId,
  ...). A --host other than loopback (127.0.0.0/8, ::1, localhost) requires them:
    ${ACCESS_KEY_ID_VARIABLE}=AKIA... ${SECRET_ACCESS_KEY_VARIABLE}=... \\
      switchyard start app.ts --host 0.0.0.0
`;

/** Strict mode's options with its one key, from the environment. */
interface EnvironmentAuth extends ApiAuthOptions {
  readonly credentials: Readonly<Record<string, string>>;
}

/** Strict mode's credentials, when the environment names both the key id and its secret. */
function endpointAuth(environment: NodeJS.ProcessEnv): EnvironmentAuth | undefined {
  const accessKeyId = environment[ACCESS_KEY_ID_VARIABLE];
  const secretAccessKey = environment[SECRET_ACCESS_KEY_VARIABLE];
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new InvalidCredentialsError(
      `${ACCESS_KEY_ID_VARIABLE} and ${SECRET_ACCESS_KEY_VARIABLE} go together: only ` +
        `${accessKeyId === undefined ? SECRET_ACCESS_KEY_VARIABLE : ACCESS_KEY_ID_VARIABLE} is set.`,
    );
  }
  return { credentials: { [accessKeyId]: secretAccessKey } };
}

/** Declares the app argument and the options `start` and `dev` share. */
function runCommand(name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .argument("[app]", "the app file: its default export is a defineApp definition (none: an empty account)")
    .option("--data <dir>", "the data directory", ".switchyard")
    .option("--durability <mode>", "normal or full", "normal")
    .option(
      "--publish <module>",
      "publish the PutEvents entries a module exports (SAMPLE_ENTRIES) once running",
    )
    .option("--in-process", "run handlers in this process instead of worker threads")
    .option(
      "--host <address>",
      `the address the AWS-compatible endpoint listens on; beyond loopback it needs ${ACCESS_KEY_ID_VARIABLE} and ${SECRET_ACCESS_KEY_VARIABLE}`,
      "127.0.0.1",
    )
    .option("--port <n>", "the AWS-compatible endpoint's port (0: any free port)", "4566")
    .addHelpText("after", EXPOSING_THE_ENDPOINT);
}

/**
 * Runs `body` on a Switchyard over the data directory, served by the AWS-compatible endpoint, until it
 * resolves; then stops both. App problems, and an endpoint that would be exposed without credentials, exit 1.
 */
async function withSwitchyard(
  options: RunOptions,
  body: (switchyard: Switchyard) => Promise<void>,
): Promise<void> {
  let auth: EnvironmentAuth | undefined;
  try {
    auth = endpointAuth(process.env);
    // Checked before the store is opened: an endpoint that may not start leaves nothing behind.
    resolveApiAuth(options.host, auth);
  } catch (error) {
    if (!(error instanceof UnprotectedEndpointError || error instanceof InvalidCredentialsError)) throw error;
    console.error(`Switchyard: ${error.message}`);
    process.exitCode = 1;
    return;
  }
  const switchyard = createSwitchyard({ dataDirectory: options.data, durability: options.durability });
  let api: ApiServer | undefined;
  try {
    api = await startApiServer({
      switchyard,
      place: SWITCHYARD_DEFAULTS,
      host: options.host,
      port: Number(options.port),
      ...(auth === undefined ? {} : { auth }),
    });
    const signing =
      auth === undefined
        ? "any request accepted"
        : `SigV4 required: access key ${Object.keys(auth.credentials).join(", ")}`;
    console.log(
      `Switchyard: AWS endpoint on ${api.url} (account ${SWITCHYARD_DEFAULTS.account}, ${SWITCHYARD_DEFAULTS.region}; ${signing})`,
    );
    await body(switchyard);
  } catch (error) {
    if (!(error instanceof AppDefinitionError)) throw error;
    process.exitCode = 1;
  } finally {
    await api?.close();
    await switchyard.close();
  }
}

const appOptions = (appFile: string, options: RunOptions) => ({
  appFile,
  mode: options.inProcess === true ? ("in-process" as const) : ("worker" as const),
  ...(options.publish === undefined ? {} : { publishFile: options.publish }),
});

/** Until Ctrl-C or SIGTERM. */
function untilStopped(data: string): Promise<void> {
  console.log(`Switchyard: running on ${data}; Ctrl-C stops.`);
  return new Promise<void>((stop) => {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

runCommand(
  "start",
  "Run an app (its buses, queues, rules, functions and mappings) on the embedded store until stopped.",
)
  .option("--exit-when-idle", "stop once every published event has been handled")
  .action((appFile: string | undefined, options: RunOptions) =>
    withSwitchyard(options, async (switchyard) => {
      if (appFile === undefined) return untilStopped(options.data);
      const runtime = await startAppFile(switchyard, appOptions(appFile, options));
      await (options.exitWhenIdle === true ? runtime.whenIdle() : untilStopped(options.data));
    }),
  );

runCommand(
  "dev",
  "Run an app and run it again whenever a file in its folder changes (the store stays).",
).action((appFile: string, options: RunOptions) =>
  withSwitchyard(options, async (switchyard) => {
    const session = await devAppFile(switchyard, appOptions(appFile, options), options.data);
    await untilStopped(options.data);
    await session.stop();
  }),
);

program
  .command("test-event-pattern")
  .description("Answer as EventBridge's TestEventPattern does: does the event match the pattern?")
  .requiredOption("--event-pattern <json>", "the event pattern")
  .requiredOption("--event <json>", "the event")
  .action((options: { eventPattern: string; event: string }) => {
    try {
      console.log(JSON.stringify({ Result: testEventPattern(options.eventPattern, options.event) }));
    } catch (error) {
      if (error instanceof InvalidEventPatternError)
        console.error(`InvalidEventPatternException: ${error.message}`);
      else if (error instanceof ValidationError) console.error(`ValidationException: ${error.message}`);
      else throw error;
      process.exitCode = 1;
    }
  });

await program.parseAsync(process.argv);
