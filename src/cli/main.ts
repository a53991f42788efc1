/**
 * The `switchyard` command line.
 * @example npx switchyard test-event-pattern --event-pattern '{"source":["shop"]}' --event '{"source":"shop"}'
 */
import { Command } from "commander";
import { SHOP_RULES } from "../../examples/shop/rules.js";
import { SAMPLE_ENTRIES } from "../../examples/shop/sample-orders.js";
import { ValidationError } from "../core/errors.js";
import { InvalidEventPatternError, testEventPattern } from "../core/patterns/index.js";
import { routeEntries } from "./demo-routing.js";

const program = new Command("switchyard").description(
  "Run EventBridge, SQS and Lambda architectures locally with AWS semantics.",
);

program
  .command("start")
  .description("Route the shop's sample orders through its rules (the durable runtime is on its way).")
  .action(() => {
    const deliveries = routeEntries(SHOP_RULES, SAMPLE_ENTRIES, new Date());
    console.log(`Switchyard: ${SHOP_RULES.length} shop rules, ${SAMPLE_ENTRIES.length} sample events`);
    for (const delivery of deliveries) {
      const body = delivery.body.length > 90 ? `${delivery.body.slice(0, 87)}...` : delivery.body;
      console.log(
        `${delivery.eventId} ${delivery.detailType.padEnd(18)} → ${delivery.target.padEnd(17)} ${body}`,
      );
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
