import { describe, expect, test } from "vitest";
import { ErrorCode, ResourceNotFoundError } from "../core/errors.js";
import type { BusRecord, BusStore, RuleRecord, TargetRecord } from "./bus-store.js";

/**
 * The behaviour every BusStore adapter must show. Each adapter's test file calls this with a factory for
 * a fresh, empty store; an adapter that differs says so here, with the reason.
 *
 * Where the port leaves a choice open, the contract pins one so adapters agree: buses are listed by name
 * order; a call naming a missing rule rejects with the rule's message even when its bus is missing too;
 * lookups of a missing bus or rule answer undefined and deletes false (never a rejection); loadBus gives
 * rules by name order; removeTargets answers the removed ids in request order, each once.
 */
export function describeBusStoreContract(
  adapter: string,
  open: () => Promise<{ store: BusStore; close: () => Promise<void> }>,
): void {
  describe(`BusStore contract: ${adapter}`, () => {
    const bus = (name: string, overrides: Partial<BusRecord> = {}): BusRecord => ({
      name,
      tags: {},
      createdAtMs: 1_000,
      ...overrides,
    });
    const rule = (busName: string, name: string, overrides: Partial<RuleRecord> = {}): RuleRecord => ({
      bus: busName,
      name,
      eventPattern: '{"source":["shop.orders"]}',
      state: "ENABLED",
      tags: {},
      createdAtMs: 1_000,
      updatedAtMs: 1_000,
      ...overrides,
    });
    const target = (
      busName: string,
      ruleName: string,
      id: string,
      overrides: Partial<TargetRecord> = {},
    ): TargetRecord => ({
      bus: busName,
      rule: ruleName,
      id,
      arn: `arn:aws:sqs:us-east-1:000000000000:${id}`,
      ...overrides,
    });

    async function withStore(run: (store: BusStore) => Promise<void>): Promise<void> {
      const { store, close } = await open();
      try {
        await run(store);
      } finally {
        await close();
      }
    }

    const rejection = async (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );

    /** Expects EventBridge's ResourceNotFoundException with exactly `message`. */
    async function expectNotFound(promise: Promise<unknown>, message: string): Promise<void> {
      const error = await rejection(promise);
      expect(error).toBeInstanceOf(ResourceNotFoundError);
      expect(error).toMatchObject({ code: ErrorCode.ResourceNotFound, message });
    }

    const names = (records: readonly { name: string }[]) => records.map((r) => r.name);
    const ids = (targets: readonly TargetRecord[]) => targets.map((t) => t.id);

    test("a bus is stored, listed by name and by prefix, replaced whole and deleted", () =>
      withStore(async (store) => {
        for (const name of ["orders_eu", "payments", "ordersXeu", "default", "Orders"]) {
          await store.putBus(bus(name));
        }
        expect(await store.getBus("payments")).toStrictEqual(bus("payments"));
        expect(names(await store.listBuses())).toEqual([
          "Orders",
          "default",
          "ordersXeu",
          "orders_eu",
          "payments",
        ]);
        // The prefix is literal and case-sensitive: "_" is no wildcard, "o" does not match "Orders".
        expect(names(await store.listBuses("orders_"))).toEqual(["orders_eu"]);
        expect(names(await store.listBuses("o"))).toEqual(["ordersXeu", "orders_eu"]);
        expect(names(await store.listBuses("nothing"))).toEqual([]);

        await store.putBus(bus("payments", { description: "money", tags: { team: "billing" } }));
        await store.putBus(bus("payments", { tags: { team: "finance" }, createdAtMs: 2_000 }));
        expect(await store.getBus("payments")).toStrictEqual(
          bus("payments", { tags: { team: "finance" }, createdAtMs: 2_000 }),
        );

        expect(await store.deleteBus("payments")).toBe(true);
        expect(await store.deleteBus("payments")).toBe(false);
        expect(await store.getBus("payments")).toBeUndefined();
        expect(names(await store.listBuses())).toEqual(["Orders", "default", "ordersXeu", "orders_eu"]);
      }));

    test("replacing a bus keeps its rules and their targets", () =>
      withStore(async (store) => {
        await store.putBus(bus("orders"));
        await store.putRule(rule("orders", "r"));
        await store.putTargets([target("orders", "r", "t")]);
        await store.putBus(bus("orders", { description: "replaced" }));
        expect(names(await store.listRules("orders"))).toEqual(["r"]);
        expect(ids(await store.listTargets("orders", "r"))).toEqual(["t"]);
      }));

    test("deleting a bus takes its rules and targets with it, and only its own", () =>
      withStore(async (store) => {
        for (const name of ["orders", "orders-archive"]) {
          await store.putBus(bus(name));
          await store.putRule(rule(name, "r"));
          await store.putTargets([target(name, "r", "t1"), target(name, "r", "t2")]);
        }
        expect(await store.deleteBus("orders")).toBe(true);
        expect(await store.getRule("orders", "r")).toBeUndefined();

        // Created again under the same names, nothing of the deleted bus comes back.
        await store.putBus(bus("orders"));
        expect(await store.listRules("orders")).toEqual([]);
        await store.putRule(rule("orders", "r"));
        expect(await store.listTargets("orders", "r")).toEqual([]);

        expect(names(await store.listRules("orders-archive"))).toEqual(["r"]);
        expect(ids(await store.listTargets("orders-archive", "r"))).toEqual(["t1", "t2"]);
      }));

    test("a rule on a missing bus is refused with EventBridge's message and nothing is stored", () =>
      withStore(async (store) => {
        await expectNotFound(store.putRule(rule("nope", "r")), "Event bus nope does not exist.");
        await store.putBus(bus("nope"));
        expect(await store.getRule("nope", "r")).toBeUndefined();
        expect(await store.listRules("nope")).toEqual([]);
      }));

    test("a rule is created, replaced whole with its targets kept, and deleted with its targets", () =>
      withStore(async (store) => {
        await store.putBus(bus("orders"));
        const first = rule("orders", "r", { description: "first", roleArn: "arn:aws:iam::0:role/x" });
        await store.putRule(first);
        expect(await store.getRule("orders", "r")).toStrictEqual(first);
        await store.putTargets([target("orders", "r", "t")]);

        const replaced = rule("orders", "r", {
          eventPattern: '{"detail-type":["OrderCreated"]}',
          state: "DISABLED",
          updatedAtMs: 2_000,
        });
        await store.putRule(replaced);
        // Replaced, not merged: the description and role of the first record are gone.
        expect(await store.getRule("orders", "r")).toStrictEqual(replaced);
        expect(ids(await store.listTargets("orders", "r"))).toEqual(["t"]);

        expect(await store.deleteRule("orders", "r")).toBe(true);
        expect(await store.deleteRule("orders", "r")).toBe(false);
        expect(await store.getRule("orders", "r")).toBeUndefined();
        await store.putRule(first);
        expect(await store.listTargets("orders", "r")).toEqual([]);
      }));

    test("rules are listed by name order, only their bus's, and by a literal, case-sensitive prefix", () =>
      withStore(async (store) => {
        await store.putBus(bus("orders"));
        await store.putBus(bus("other"));
        for (const name of ["zeta", "axb", "a_b", "Alpha", "alpha", "a.b"]) {
          await store.putRule(rule("orders", name));
        }
        await store.putRule(rule("other", "also"));
        expect(names(await store.listRules("orders"))).toEqual([
          "Alpha",
          "a.b",
          "a_b",
          "alpha",
          "axb",
          "zeta",
        ]);
        expect(names(await store.listRules("orders", ""))).toEqual([
          "Alpha",
          "a.b",
          "a_b",
          "alpha",
          "axb",
          "zeta",
        ]);
        expect(names(await store.listRules("orders", "a_"))).toEqual(["a_b"]);
        expect(names(await store.listRules("orders", "a."))).toEqual(["a.b"]);
        expect(names(await store.listRules("orders", "al"))).toEqual(["alpha"]);
        expect(names(await store.listRules("orders", "zeta"))).toEqual(["zeta"]);
        expect(await store.listRules("orders", "zz")).toEqual([]);
        expect(names(await store.listRules("other"))).toEqual(["also"]);
      }));

    test("targets are added, replaced whole by id and listed by id order", () =>
      withStore(async (store) => {
        await store.putBus(bus("orders"));
        await store.putRule(rule("orders", "r"));
        await store.putTargets([
          target("orders", "r", "b"),
          target("orders", "r", "a", { input: '{"x":1}', deadLetterArn: "arn:aws:sqs:us-east-1:0:dlq" }),
        ]);
        await store.putTargets([target("orders", "r", "9"), target("orders", "r", "10")]);
        expect(ids(await store.listTargets("orders", "r"))).toEqual(["10", "9", "a", "b"]);

        const replacement = target("orders", "r", "a", { arn: "arn:aws:lambda:us-east-1:0:function:f" });
        await store.putTargets([replacement]);
        const listed = await store.listTargets("orders", "r");
        expect(listed).toHaveLength(4);
        expect(listed.find((t) => t.id === "a")).toStrictEqual(replacement);
      }));

    test("a target batch naming a missing rule stores nothing, with EventBridge's message", () =>
      withStore(async (store) => {
        await store.putBus(bus("orders"));
        await store.putRule(rule("orders", "a"));
        const kept = target("orders", "a", "1", { input: '"kept"' });
        await store.putTargets([kept]);

        await expectNotFound(
          store.putTargets([
            target("orders", "a", "1", { input: '"replaced"' }),
            target("orders", "a", "2"),
            target("orders", "missing", "3"),
          ]),
          "Rule missing does not exist on EventBus orders.",
        );
        expect(await store.listTargets("orders", "a")).toStrictEqual([kept]);

        // A missing bus answers with the rule's message too: the rule is what the call names.
        await expectNotFound(
          store.putTargets([target("nope", "r", "1")]),
          "Rule r does not exist on EventBus nope.",
        );
      }));

    test("removeTargets removes only the ids of its rule and answers those that existed", () =>
      withStore(async (store) => {
        await store.putBus(bus("orders"));
        await store.putRule(rule("orders", "a"));
        await store.putRule(rule("orders", "b"));
        await store.putTargets([
          target("orders", "a", "1"),
          target("orders", "a", "2"),
          target("orders", "a", "4"),
          target("orders", "b", "1"),
        ]);
        expect(await store.removeTargets("orders", "a", ["4", "3", "1", "1"])).toEqual(["4", "1"]);
        expect(ids(await store.listTargets("orders", "a"))).toEqual(["2"]);
        expect(ids(await store.listTargets("orders", "b"))).toEqual(["1"]);
        expect(await store.removeTargets("orders", "a", [])).toEqual([]);
      }));

    test("calls naming a missing bus or rule reject; lookups answer undefined and deletes false", () =>
      withStore(async (store) => {
        await store.putBus(bus("orders"));
        await store.putRule(rule("orders", "r"));
        await store.putTargets([target("orders", "r", "t")]);

        await expectNotFound(store.listRules("nope"), "Event bus nope does not exist.");
        await expectNotFound(store.loadBus("nope"), "Event bus nope does not exist.");
        await expectNotFound(
          store.listTargets("orders", "nope"),
          "Rule nope does not exist on EventBus orders.",
        );
        await expectNotFound(store.listTargets("nope", "r"), "Rule r does not exist on EventBus nope.");
        await expectNotFound(
          store.removeTargets("orders", "nope", ["t"]),
          "Rule nope does not exist on EventBus orders.",
        );
        // The same target id on another rule is not touched.
        expect(ids(await store.listTargets("orders", "r"))).toEqual(["t"]);

        expect(await store.getBus("nope")).toBeUndefined();
        expect(await store.getRule("orders", "nope")).toBeUndefined();
        expect(await store.getRule("nope", "r")).toBeUndefined();
        expect(await store.deleteRule("orders", "nope")).toBe(false);
        expect(await store.deleteRule("nope", "r")).toBe(false);
        expect(await store.deleteBus("nope")).toBe(false);
        expect(await store.getBus("nope")).toBeUndefined();
      }));

    test("loadBus gives every rule of the bus by name order, each with its targets by id order", () =>
      withStore(async (store) => {
        await store.putBus(bus("orders"));
        await store.putBus(bus("other"));
        const rules = [rule("orders", "b"), rule("orders", "a"), rule("orders", "c", { state: "DISABLED" })];
        for (const r of rules) await store.putRule(r);
        await store.putRule(rule("other", "a"));
        await store.putTargets([
          target("orders", "b", "2"),
          target("orders", "a", "x"),
          target("orders", "b", "1"),
          target("other", "a", "y"),
        ]);
        expect(await store.loadBus("orders")).toStrictEqual([
          { rule: rule("orders", "a"), targets: [target("orders", "a", "x")] },
          { rule: rule("orders", "b"), targets: [target("orders", "b", "1"), target("orders", "b", "2")] },
          { rule: rule("orders", "c", { state: "DISABLED" }), targets: [] },
        ]);
        expect(await store.loadBus("other")).toStrictEqual([
          { rule: rule("other", "a"), targets: [target("other", "a", "y")] },
        ]);
        await store.putBus(bus("empty"));
        expect(await store.loadBus("empty")).toEqual([]);
      }));

    test("values round-trip exactly: absent members stay absent, present ones come back as given", () =>
      withStore(async (store) => {
        // Own "__proto__" keys are valid tag and InputPathsMap keys; a copy must keep them as data.
        const trickyMap = Object.fromEntries([
          ["__proto__", "$.detail.proto"],
          ["constructor", "$.detail.c"],
          ["ünïcode ✓", "🧾"],
        ]);
        const fullBus = bus("orders", { description: "", tags: trickyMap, createdAtMs: 1_700_000_000_123 });
        const bareBus = bus("bare");
        const fullRule = rule("orders", "full", {
          eventPattern: '{"detail":{"total":[{"numeric":[">",100]}]}}',
          scheduleExpression: "rate(5 minutes)",
          state: "DISABLED",
          description: "Orders over 100 ✓",
          roleArn: "arn:aws:iam::000000000000:role/events",
          tags: { team: "shop", empty: "" },
          createdAtMs: 1_000,
          updatedAtMs: 2_000,
        });
        const scheduleOnly: RuleRecord = {
          bus: "orders",
          name: "tick",
          scheduleExpression: "cron(0 12 * * ? *)",
          state: "ENABLED",
          tags: {},
          createdAtMs: 1,
          updatedAtMs: 1,
        };
        const fullTarget = target("orders", "full", "everything", {
          input: "",
          inputPath: "$.detail",
          inputTransformer: { InputPathsMap: trickyMap, InputTemplate: '{"p": <__proto__>}' },
          retryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
          deadLetterArn: "arn:aws:sqs:us-east-1:000000000000:dlq",
          sqsMessageGroupId: "group-1",
        });
        const partial = target("orders", "full", "partial", {
          inputTransformer: { InputTemplate: '"static"' },
          retryPolicy: { MaximumEventAgeInSeconds: 3_600 },
        });
        const emptyMaps = target("orders", "full", "empty-maps", {
          inputTransformer: { InputPathsMap: {}, InputTemplate: "<aws.events.event>" },
          retryPolicy: {},
        });
        const bare = target("orders", "full", "bare");

        await store.putBus(fullBus);
        await store.putBus(bareBus);
        await store.putRule(fullRule);
        await store.putRule(scheduleOnly);
        await store.putTargets([fullTarget, partial, emptyMaps, bare]);

        expect(await store.getBus("orders")).toStrictEqual(fullBus);
        expect(await store.getBus("bare")).toStrictEqual(bareBus);
        expect(await store.listBuses()).toStrictEqual([bareBus, fullBus]);
        expect(await store.getRule("orders", "full")).toStrictEqual(fullRule);
        expect(await store.getRule("orders", "tick")).toStrictEqual(scheduleOnly);
        expect(await store.listRules("orders")).toStrictEqual([fullRule, scheduleOnly]);
        const targets = [bare, emptyMaps, fullTarget, partial];
        expect(await store.listTargets("orders", "full")).toStrictEqual(targets);
        expect(await store.loadBus("orders")).toStrictEqual([
          { rule: fullRule, targets },
          { rule: scheduleOnly, targets: [] },
        ]);
        const [tags] = (await store.listBuses("orders")).map((b) => b.tags);
        expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
        expect(Object.keys(tags ?? {})).toEqual(Object.keys(trickyMap));
      }));

    test("a member given as undefined is stored as absent", () =>
      withStore(async (store) => {
        await store.putBus({ ...bus("orders"), description: undefined });
        expect(await store.getBus("orders")).toStrictEqual(bus("orders"));
        await store.putRule({ ...rule("orders", "r"), description: undefined, roleArn: undefined });
        expect(await store.getRule("orders", "r")).toStrictEqual(rule("orders", "r"));
        await store.putTargets([
          {
            ...target("orders", "r", "t"),
            input: undefined,
            inputTransformer: { InputPathsMap: undefined, InputTemplate: "x" },
            retryPolicy: { MaximumRetryAttempts: undefined, MaximumEventAgeInSeconds: 60 },
          },
        ]);
        expect(await store.listTargets("orders", "r")).toStrictEqual([
          target("orders", "r", "t", {
            inputTransformer: { InputTemplate: "x" },
            retryPolicy: { MaximumEventAgeInSeconds: 60 },
          }),
        ]);
      }));

    test("a record its caller changes after the put does not change what is stored", () =>
      withStore(async (store) => {
        const busTags: Record<string, string> = { team: "shop" };
        await store.putBus(bus("orders", { tags: busTags }));
        busTags.team = "changed";
        const ruleTags: Record<string, string> = { team: "shop" };
        await store.putRule(rule("orders", "r", { tags: ruleTags }));
        ruleTags.team = "changed";
        const paths: Record<string, string> = { id: "$.id" };
        const retryPolicy = { MaximumRetryAttempts: 3 };
        await store.putTargets([
          target("orders", "r", "t", {
            inputTransformer: { InputPathsMap: paths, InputTemplate: "<id>" },
            retryPolicy,
          }),
        ]);
        paths.id = "$.changed";
        retryPolicy.MaximumRetryAttempts = 99;

        expect((await store.getBus("orders"))?.tags).toEqual({ team: "shop" });
        expect((await store.getRule("orders", "r"))?.tags).toEqual({ team: "shop" });
        const [stored] = await store.listTargets("orders", "r");
        expect(stored?.inputTransformer?.InputPathsMap).toEqual({ id: "$.id" });
        expect(stored?.retryPolicy).toEqual({ MaximumRetryAttempts: 3 });
      }));
  });
}
