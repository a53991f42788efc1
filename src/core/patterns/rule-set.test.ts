import { describe, expect, it } from "vitest";
import { compileEventPattern } from "./compile-pattern.js";
import { createRuleSet } from "./rule-set.js";

const SOURCES = ["shop.orders", "shop.payments", "shop.shipping", "shop.returns"];

/** Rule i names the source (unless told not to) and, by turns, an order id or a customer id. */
function orderRule(i: number, source: string | null = SOURCES[i % SOURCES.length] as string) {
  const detail = i % 2 === 0 ? { orderId: [`ord-${i}`] } : { customerId: [`cus-${i}`] };
  const pattern: Record<string, unknown> = { detail };
  if (source !== null) pattern.source = [source];
  return compileEventPattern(JSON.stringify(pattern));
}

describe("RuleSet planning", () => {
  it("tests first a field every rule names, then the one with the most distinct conditions", () => {
    const rules = createRuleSet<number>();
    for (let i = 0; i < 200; i++) rules.add(i, orderRule(i));
    for (const id of [0, 76, 198]) expect(rules.testOrderOf(id)).toEqual([["source", "detail.orderId"]]);
    expect(rules.testOrderOf(77)).toEqual([["source", "detail.customerId"]]);
    expect(rules.matchJson('{"source": "shop.payments", "detail": {"customerId": "cus-77"}}')).toEqual([77]);
    expect(rules.matchJson('{"source": "shop.orders", "detail": {"customerId": "cus-77"}}')).toEqual([]);
  });

  it("of several fields every rule names, tests the one with the most distinct conditions first", () => {
    const rules = createRuleSet<number>();
    for (let i = 0; i < 200; i++) {
      const pattern = { source: [SOURCES[i % SOURCES.length]], detail: { orderId: [`ord-${i}`] } };
      rules.add(i, compileEventPattern(JSON.stringify(pattern)));
    }
    expect(rules.testOrderOf(9)).toEqual([["detail.orderId", "source"]]);
    expect(rules.matchJson('{"source": "shop.payments", "detail": {"orderId": "ord-9"}}')).toEqual([9]);
  });

  it("keeps a field first when a few rules do not name it", () => {
    const rules = createRuleSet<number>();
    for (let i = 0; i < 200; i++) rules.add(i, orderRule(i));
    rules.add(200, orderRule(200, null));
    rules.replan();
    expect(rules.testOrderOf(4)).toEqual([["source", "detail.orderId"]]);
    expect(rules.testOrderOf(200)).toEqual([["detail.orderId"]]);
    expect(rules.matchJson('{"source": "x", "detail": {"orderId": "ord-200"}}')).toEqual([200]);
  });

  it("does not lead with a field many rules lack, nor with one that does not divide the rules", () => {
    const halfNamed = createRuleSet<number>();
    for (let i = 0; i < 200; i++)
      halfNamed.add(i, orderRule(i, i % 4 < 2 ? (SOURCES[i % 3] as string) : null));
    expect(halfNamed.testOrderOf(0)).toEqual([["detail.orderId", "source"]]);

    const oneSource = createRuleSet<number>();
    for (let i = 0; i < 200; i++) oneSource.add(i, orderRule(i, "shop.orders"));
    expect(oneSource.testOrderOf(0)).toEqual([["detail.orderId", "source"]]);
  });

  it("tests a field absence can satisfy last even when every rule names it", () => {
    const rules = createRuleSet<number>();
    for (let i = 0; i < 200; i++) {
      const coupon = i % 2 === 0 ? [{ exists: false }] : [`SAVE${i}`, { exists: false }];
      rules.add(i, compileEventPattern(JSON.stringify({ coupon, detail: { orderId: [`ord-${i}`] } })));
    }
    expect(rules.testOrderOf(1)).toEqual([["detail.orderId", "coupon"]]);
    expect(rules.matchJson('{"detail": {"orderId": "ord-1"}}')).toEqual([1]);
    expect(rules.matchJson('{"coupon": "SAVE1", "detail": {"orderId": "ord-1"}}')).toEqual([1]);
    expect(rules.matchJson('{"coupon": "SAVE2", "detail": {"orderId": "ord-2"}}')).toEqual([]);
  });
});
