import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { ManualClock } from "./clock.js";

describe("the manual clock", () => {
  test("advancing runs due calls in time order and leaves later ones", () => {
    const clock = new ManualClock(1_000);
    const seen: string[] = [];
    clock.schedule(300, () => seen.push(`b@${clock.nowMs()}`));
    clock.schedule(100, () => seen.push(`a@${clock.nowMs()}`));
    clock.schedule(900, () => seen.push("c"));
    clock.advance(500);
    expect(seen).toEqual(["a@1100", "b@1300"]);
    expect(clock.nowMs()).toBe(1_500);
    expect(clock.pendingCount).toBe(1);
  });

  test("a call scheduled while advancing runs in the same advance when it falls due", () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    clock.schedule(10, () => clock.schedule(10, () => seen.push(clock.nowMs())));
    clock.advance(25);
    expect(seen).toEqual([20]);
  });

  test("a cancelled call never runs", () => {
    const clock = new ManualClock();
    let ran = false;
    const handle = clock.schedule(10, () => {
      ran = true;
    });
    clock.cancel(handle);
    clock.advance(100);
    expect(ran).toBe(false);
  });
});

describe("the system clock", () => {
  test("a keepAlive call holds the process until it runs; a background call alone does not", () => {
    const script = `
      import { createSystemClock } from ${JSON.stringify(new URL("./clock.ts", import.meta.url).href)};
      const clock = createSystemClock();
      clock.schedule(500, () => console.log("background"));
      clock.schedule(20, () => console.log("awaited"), { keepAlive: true });
    `;
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(output.trim()).toBe("awaited");
  });
});
