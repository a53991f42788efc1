/**
 * The `switchyard` command line.
 * @example npx switchyard test-event-pattern --event-pattern '{"source":["shop"]}' --event '{"source":"shop"}'
 */
import { Command } from "commander";
import { AppDefinitionError } from "../core/app/index.js";
import { ValidationError } from "../core/errors.js";
import { InvalidEventPatternError, testEventPattern } from "../core/patterns/index.js";
import { createSwitchyard } from "../switchyard.js";
import { startAppFile } from "./start-app.js";

const program = new Command("switchyard").description(
  "Run EventBridge, SQS and Lambda architectures locally with AWS semantics.",
);

program
  .command("start")
  .description(
    "Run an app (its buses, queues, rules, functions and mappings) on the embedded store until stopped.",
  )
  .argument("[app]", "the app file: its default export is a defineApp definition", "examples/shop/app.ts")
  .option("--data <dir>", "the data directory", ".switchyard")
  .option("--durability <mode>", "normal or full", "normal")
  .option(
    "--publish <module>",
    "publish the PutEvents entries a module exports (SAMPLE_ENTRIES) once running",
  )
  .option("--in-process", "run handlers in this process instead of worker threads")
  .option("--exit-when-idle", "stop once every published event has been handled")
  .action(
    async (
      appFile: string,
      options: {
        data: string;
        durability: "normal" | "full";
        publish?: string;
        inProcess?: boolean;
        exitWhenIdle?: boolean;
      },
    ) => {
      const switchyard = createSwitchyard({ dataDirectory: options.data, durability: options.durability });
      try {
        const runtime = await startAppFile(switchyard, {
          appFile,
          mode: options.inProcess === true ? "in-process" : "worker",
          ...(options.publish === undefined ? {} : { publishFile: options.publish }),
        });
        if (options.exitWhenIdle === true) {
          await runtime.whenIdle();
        } else {
          console.log(`Switchyard: running on ${options.data}; Ctrl-C stops.`);
          await new Promise<void>((stop) => {
            process.once("SIGINT", stop);
            process.once("SIGTERM", stop);
          });
        }
      } catch (error) {
        if (!(error instanceof AppDefinitionError)) throw error;
        process.exitCode = 1;
      } finally {
        await switchyard.close();
      }
    },
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
