import type { EventBridgeEvent, SQSEvent } from "aws-lambda";
import { describe, expect, expectTypeOf, test } from "vitest";
import { defineApp } from "./app-definition.js";
import type { HandlerEvent } from "./handler-event.js";

const app = defineApp({
  name: "typed",
  queues: { emails: {} },
  functions: {
    SendEmail: { handler: "h.email" },
    Validate: { handler: "h.validate" },
    Receipt: { handler: "h.receipt" },
    Both: { handler: "h.both" },
    Alone: { handler: "h.alone" },
  },
  rules: {
    created: {
      eventPattern: { source: ["shop"] },
      targets: [
        { function: "Validate" },
        { function: "Receipt", inputPath: "$.detail" },
        { function: "Both" },
      ],
    },
  },
  eventSourceMappings: [
    { queue: "emails", function: "SendEmail" },
    { queue: "emails", function: "Both" },
  ],
});

describe("HandlerEvent", () => {
  test("follows from what feeds each function", () => {
    expectTypeOf<HandlerEvent<typeof app, "SendEmail">>().toEqualTypeOf<SQSEvent>();
    expectTypeOf<HandlerEvent<typeof app, "Validate">>().toEqualTypeOf<EventBridgeEvent<string, unknown>>();
    expectTypeOf<HandlerEvent<typeof app, "Receipt">>().toEqualTypeOf<unknown>();
    expectTypeOf<HandlerEvent<typeof app, "Both">>().toEqualTypeOf<
      SQSEvent | EventBridgeEvent<string, unknown>
    >();
    expectTypeOf<HandlerEvent<typeof app, "Alone">>().toEqualTypeOf<unknown>();
    // defineApp still gives the definition back as it was written.
    expect(app.eventSourceMappings?.map((mapping) => mapping.function)).toEqual(["SendEmail", "Both"]);
  });
});
