import { describe, expect, test } from "vitest";
import { FifoGate } from "./fifo-gate.js";

describe("a FIFO gate", () => {
  test("lets in up to its permits at once and the rest in the order they asked", async () => {
    const gate = new FifoGate(1);
    const entered: string[] = [];
    const enter = async (name: string) => {
      await gate.acquire();
      entered.push(name);
    };
    const all = [enter("a"), enter("b"), enter("c")];
    await Promise.resolve();
    expect(entered).toEqual(["a"]);
    expect(gate.inFlight).toBe(3);
    gate.release();
    gate.release();
    gate.release();
    await Promise.all(all);
    expect(entered).toEqual(["a", "b", "c"]);
  });

  test("is idle once every permit is back", async () => {
    const gate = new FifoGate(2);
    await gate.acquire();
    let idle = false;
    const whenIdle = gate.whenIdle().then(() => {
      idle = true;
    });
    await Promise.resolve();
    expect(idle).toBe(false);
    gate.release();
    await whenIdle;
    expect(idle).toBe(true);
    expect(gate.inFlight).toBe(0);
  });
});
