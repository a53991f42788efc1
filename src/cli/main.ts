/**
 * The `switchyard` command line.
 * @example npx switchyard test-event-pattern --event-pattern '{"source":["shop"]}' --event '{"source":"shop"}'
 */
import { Command } from "commander";
import { type ApiServer, startApiServer } from "../api/api-server.js";
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
  readonly port: string;
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
    .option("--port <n>", "the AWS-compatible endpoint's port on 127.0.0.1 (0: any free port)", "4566");
}

/**
 * Runs `body` on a Switchyard over the data directory, served by the AWS-compatible endpoint, until it
 * resolves; then stops both. App problems exit 1.
 */
async function withSwitchyard(
  options: RunOptions,
  body: (switchyard: Switchyard) => Promise<void>,
): Promise<void> {
  const switchyard = createSwitchyard({ dataDirectory: options.data, durability: options.durability });
  let api: ApiServer | undefined;
  try {
    api = await startApiServer({ switchyard, place: SWITCHYARD_DEFAULTS, port: Number(options.port) });
    console.log(
      `Switchyard: AWS endpoint on ${api.url} (account ${SWITCHYARD_DEFAULTS.account}, ${SWITCHYARD_DEFAULTS.region})`,
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
