import { describe, expect, test } from "vitest";
import { defineApp } from "./app-definition.js";
import { AppWarningCode } from "./app-definition-error.js";
import { checkApp } from "./check-app.js";

/** A queue feeding a function as AWS advises: 6 × 10 s + a 1 s window, its dead-letter queue kept twice as long. */
function worker(
  settings: {
    visibilityTimeoutSeconds?: number;
    timeoutSeconds?: number;
    maximumBatchingWindowSeconds?: number;
    dlqRetentionSeconds?: number;
    reservedConcurrency?: number;
    maximumConcurrency?: number;
  } = {},
) {
  return defineApp({
    name: "worker",
    queues: {
      jobs: {
        visibilityTimeoutSeconds: settings.visibilityTimeoutSeconds ?? 61,
        messageRetentionPeriodSeconds: 86_400,
        deadLetter: { queue: "jobs-dlq", maxReceiveCount: 3 },
      },
      "jobs-dlq": { messageRetentionPeriodSeconds: settings.dlqRetentionSeconds ?? 172_800 },
    },
    functions: {
      work: {
        handler: "work.handler",
        timeoutSeconds: settings.timeoutSeconds ?? 10,
        ...(settings.reservedConcurrency === undefined
          ? {}
          : { reservedConcurrency: settings.reservedConcurrency }),
      },
    },
    eventSourceMappings: [
      {
        queue: "jobs",
        function: "work",
        batchSize: 100,
        maximumBatchingWindowSeconds: settings.maximumBatchingWindowSeconds ?? 1,
        ...(settings.maximumConcurrency === undefined
          ? {}
          : { maximumConcurrency: settings.maximumConcurrency }),
      },
    ],
  });
}

test("a queue at six times its function's timeout warns about nothing", () => {
  expect(checkApp(worker()).warnings).toEqual([]);
});

describe("a visibility timeout under six times the function's timeout", () => {
  test("is a warning, not a problem: the app still resolves", () => {
    const { app, warnings } = checkApp(worker({ visibilityTimeoutSeconds: 60, timeoutSeconds: 20 }));
    expect(app.queues.jobs?.attributes.visibilityTimeoutSeconds).toBe(60);
    expect(warnings).toEqual([
      {
        code: AppWarningCode.VisibilityTimeoutBelowRecommended,
        path: "eventSourceMappings[0]",
        message:
          'queue "jobs" has a visibility timeout of 60 s; AWS recommends at least 6 × the timeout of function "work" ' +
          "(20 s) + the batching window (1 s) = 121 s, so that a batch retried after throttling does not become " +
          "visible again while it is processed",
      },
    ]);
  });

  test("counts the batching window", () => {
    const { warnings } = checkApp(worker({ timeoutSeconds: 10, maximumBatchingWindowSeconds: 5 }));
    expect(warnings.map((warning) => warning.code)).toEqual([
      AppWarningCode.VisibilityTimeoutBelowRecommended,
    ]);
    expect(warnings[0]?.message).toContain("= 65 s");
  });

  test("equal to the function's timeout is still accepted, as Lambda accepts it", () => {
    const { warnings } = checkApp(worker({ visibilityTimeoutSeconds: 30, timeoutSeconds: 30 }));
    expect(warnings.map((warning) => warning.code)).toEqual([
      AppWarningCode.VisibilityTimeoutBelowRecommended,
    ]);
  });
});

describe("a dead-letter queue's retention", () => {
  test("no longer than its standard source's is a warning", () => {
    const { warnings } = checkApp(worker({ dlqRetentionSeconds: 86_400 }));
    expect(warnings).toEqual([
      {
        code: AppWarningCode.DeadLetterRetentionNotLonger,
        path: "queues.jobs.deadLetter.queue",
        message:
          '"jobs-dlq" keeps messages 86400 s, no longer than this queue\'s 86400 s: a message moved there keeps its ' +
          "original enqueue time and may expire soon after; AWS advises a dead-letter queue retention longer than " +
          "its source's",
      },
    ]);
  });

  test("is not warned about for FIFO queues, whose messages get a new enqueue time in the dead-letter queue", () => {
    const app = defineApp({
      name: "ledger",
      queues: {
        "ledger.fifo": { deadLetter: { queue: "ledger-dlq.fifo", maxReceiveCount: 3 } },
        "ledger-dlq.fifo": {},
      },
    });
    expect(checkApp(app).warnings).toEqual([]);
  });

  test("with queues left at SQS's default retention is warned about", () => {
    const app = defineApp({
      name: "defaults",
      queues: { jobs: { deadLetter: { queue: "jobs-dlq", maxReceiveCount: 3 } }, "jobs-dlq": {} },
    });
    expect(checkApp(app).warnings.map((warning) => warning.code)).toEqual([
      AppWarningCode.DeadLetterRetentionNotLonger,
    ]);
  });
});

test("a mapping's maximum concurrency above its function's reserved concurrency is a warning", () => {
  const { warnings } = checkApp(worker({ reservedConcurrency: 2, maximumConcurrency: 5 }));
  expect(warnings).toEqual([
    {
      code: AppWarningCode.MaximumConcurrencyAboveReserved,
      path: "eventSourceMappings[0].maximumConcurrency",
      message:
        'is 5 but function "work" reserves 2: invocations past it are throttled, and their messages return to the ' +
        "queue and count towards maxReceiveCount",
    },
  ]);
});
