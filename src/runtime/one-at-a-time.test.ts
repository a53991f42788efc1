import { describe, expect, test } from "vitest";
import { oneAtATime } from "./one-at-a-time.js";

describe("oneAtATime", () => {
  test("runs operations in order, never two at once; a failure fails only its own caller", async () => {
    const serially = oneAtATime();
    const log: string[] = [];
    let running = 0;
    const step = (name: string, fail = false) =>
      serially(async () => {
        running += 1;
        expect(running).toBe(1);
        log.push(`start ${name}`);
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`end ${name}`);
        running -= 1;
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step("a"), step("b", true), step("c")]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      "a",
      "b",
      "c",
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });
});
