import { describe, expect, test } from "vitest";
import { ManualClock } from "../clock.js";
import { QueueWakeups } from "./queue-wakeups.js";

describe("long-poll wakeups", () => {
  test("a notify wakes every sleeper of that queue only", async () => {
    const wakeups = new QueueWakeups(new ManualClock());
    const woken: string[] = [];
    const a = wakeups.sleep("a", 20_000, wakeups.version("a")).then(() => woken.push("a"));
    void wakeups.sleep("b", 20_000, wakeups.version("b")).then(() => woken.push("b"));
    wakeups.notify("a");
    await a;
    expect(woken).toEqual(["a"]);
    expect(wakeups.sleeping("b")).toBe(1);
  });

  test("a counted notify wakes that many sleepers, the longest asleep first", async () => {
    const clock = new ManualClock();
    const wakeups = new QueueWakeups(clock);
    const woken: string[] = [];
    for (const name of ["first", "second", "third"]) {
      void wakeups.sleep("a", 20_000, wakeups.version("a")).then(() => woken.push(name));
    }
    wakeups.notify("a", 2);
    await Promise.resolve();
    expect(woken).toEqual(["first", "second"]);
    expect(wakeups.sleeping("a")).toBe(1);
    wakeups.arrived([{ queue: "a", message: { sentAtMs: 0, visibleAtMs: 5_000 } }]);
    await Promise.resolve();
    expect(woken).toEqual(["first", "second", "third"]);
  });

  test("a sleep ends when its time is up", async () => {
    const clock = new ManualClock();
    const wakeups = new QueueWakeups(clock);
    let done = false;
    const sleeping = wakeups.sleep("a", 5_000, 0).then(() => {
      done = true;
    });
    clock.advance(4_999);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    await sleeping;
    expect(done).toBe(true);
    expect(clock.pendingCount).toBe(0);
  });

  test("a notify that came between a receive's check and its sleep is not lost", async () => {
    const clock = new ManualClock();
    const wakeups = new QueueWakeups(clock);
    const seen = wakeups.version("a");
    wakeups.notify("a");
    await wakeups.sleep("a", 20_000, seen);
    expect(clock.pendingCount).toBe(0);
  });
});
