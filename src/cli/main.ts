/**
 * The `switchyard` command line.
 * @example npx switchyard test-event-pattern --event-pattern '{"source":["shop"]}' --event '{"source":"shop"}'
 */
import { Command } from "commander";
import { SHOP_RULES } from "../../examples/shop/rules.js";
import { SAMPLE_ENTRIES } from "../../examples/shop/sample-orders.js";
import { ValidationError } from "../core/errors.js";
import { InvalidEventPatternError, testEventPattern } from "../core/patterns/index.js";
import { createSwitchyard } from "../switchyard.js";
import { runShop } from "./shop.js";

const program = new Command("switchyard").description(
  "Run EventBridge, SQS and Lambda architectures locally with AWS semantics.",
);

program
  .command("start")
  .description(
    "Run the shop on the embedded store: its bus, rules and handler queues, fed with sample orders.",
  )
  .option("--data <dir>", "the data directory", ".switchyard")
  .option("--durability <mode>", "normal or full", "normal")
  .action(async (options: { data: string; durability: "normal" | "full" }) => {
    const switchyard = createSwitchyard({ dataDirectory: options.data, durability: options.durability });
    try {
      const handled = await runShop(switchyard, SHOP_RULES, SAMPLE_ENTRIES);
      console.log(
        `Switchyard: the shop on ${options.data} — ${SHOP_RULES.length} rules, ${SAMPLE_ENTRIES.length} events published`,
      );
      for (const { handler, body } of handled) {
        console.log(`${handler.padEnd(18)} ← ${body.length > 90 ? `${body.slice(0, 87)}...` : body}`);
      }
    } finally {
      await switchyard.close();
    }
  });

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
