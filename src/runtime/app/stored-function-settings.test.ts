import { describe, expect, test } from "vitest";
import type { ResolvedEventSourceMapping } from "../../core/app/index.js";
import type { StoredEventSourceMapping } from "../../store/function-settings-store.js";
import { declaredSettings, planMappingRestore } from "./stored-function-settings.js";

const declaration = (queue: string, fn: string, batchSize = 10): ResolvedEventSourceMapping => ({
  queue,
  function: fn,
  batchSize,
  maximumBatchingWindowSeconds: 0,
  enabled: true,
  filterPatterns: [],
  reportBatchItemFailures: false,
});

const recordOf = (
  uuid: string,
  d: ResolvedEventSourceMapping,
  declared = true,
): StoredEventSourceMapping => ({
  uuid,
  queueName: d.queue,
  functionName: d.function,
  settings: declaredSettings(d),
  lastModifiedMs: 1,
  ...(declared
    ? { declared: { queueName: d.queue, functionName: d.function, settings: declaredSettings(d) } }
    : {}),
});

describe("planMappingRestore", () => {
  const functions = new Set(["fulfil", "audit"]);

  test("keeps what is declared as recorded, creates what is new, forgets what is no longer declared", () => {
    const kept = declaration("orders", "fulfil");
    const fresh = declaration("refunds", "fulfil");
    const records = [
      { ...recordOf("kept", kept), settings: { ...declaredSettings(kept), batchSize: 3 } },
      recordOf("dropped", declaration("old", "audit")),
    ];
    expect(planMappingRestore([kept, fresh], records, functions, 99)).toEqual({
      restore: [{ record: records[0], changed: false }],
      create: [fresh],
      forget: ["dropped"],
    });
  });

  test("a declaration changed since it was recorded replaces the recorded settings under the same UUID", () => {
    const before = declaration("orders", "fulfil", 10);
    const now = declaration("orders", "fulfil", 5);
    const record = { ...recordOf("u", before), settings: { ...declaredSettings(before), enabled: false } };
    const plan = planMappingRestore([now], [record], functions, 99);
    const changed = { queueName: "orders", functionName: "fulfil", settings: declaredSettings(now) };
    expect(plan.restore).toEqual([
      { record: { ...record, ...changed, declared: changed, lastModifiedMs: 99 }, changed: true },
    ]);
    expect(plan.create).toEqual([]);
  });

  test("mappings made over the API run again when their function is this app's; other apps' records are left alone", () => {
    const made = recordOf("api", declaration("orders", "audit"), false);
    const othersMade = recordOf("other-api", declaration("orders", "elsewhere"), false);
    const othersDeclared = recordOf("other-app", declaration("orders", "elsewhere"));
    expect(planMappingRestore([], [made, othersMade, othersDeclared], functions, 99)).toEqual({
      restore: [{ record: made, changed: false }],
      create: [],
      forget: [],
    });
  });
});
