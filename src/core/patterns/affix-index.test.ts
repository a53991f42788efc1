import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AffixIndex } from "./affix-index.js";

function found(index: AffixIndex<string>, value: string): string[] {
  const out: string[] = [];
  index.lookup(value, out);
  return out.sort();
}

describe("AffixIndex", () => {
  it("finds every prefix a value starts with, the empty one included", () => {
    const index = new AffixIndex<string>(false);
    for (const text of ["", "o", "ord-", "ord-12", "order"]) index.edit(text, `p:${text}`, true);
    expect(found(index, "ord-1234")).toEqual(["p:", "p:o", "p:ord-", "p:ord-12"]);
    expect(found(index, "x")).toEqual(["p:"]);
  });

  it("finds suffixes from the end", () => {
    const index = new AffixIndex<string>(true);
    index.edit("@example.com", "any", true);
    index.edit("7@example.com", "seven", true);
    expect(found(index, "user7@example.com")).toEqual(["any", "seven"]);
    expect(found(index, "user8@example.com")).toEqual(["any"]);
    expect(found(index, "example.com")).toEqual([]);
  });

  it("keeps finding the rest after many removals and growth", () => {
    const index = new AffixIndex<string>(false);
    for (let i = 0; i < 2000; i++) index.edit(`k${i}`, `item${i}`, true);
    for (let i = 0; i < 2000; i += 2) index.edit(`k${i}`, `item${i}`, false);
    for (let i = 0; i < 2000; i++) {
      const expected = i % 2 === 1 ? [`item${i}`] : [];
      // "k1" is a prefix of "k10", so look for exact keys through a value that ends right after them.
      expect(found(index, `k${i}`).filter((item) => item === `item${i}`)).toEqual(expected);
    }
    index.edit("k0", "again", true);
    expect(found(index, "k0")).toEqual(["again"]);
  });

  it("files several items under one text and drops the text with its last item", () => {
    const index = new AffixIndex<string>(false);
    index.edit("ab", "one", true);
    index.edit("ab", "two", true);
    index.edit("ab", "one", false);
    expect(found(index, "abc")).toEqual(["two"]);
    index.edit("ab", "two", false);
    expect(found(index, "abc")).toEqual([]);
    index.edit("ab", "never filed", false);
    expect(found(index, "abc")).toEqual([]);
  });

  it("agrees with startsWith and endsWith on random affixes, edits and values", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "é"), maxLength: 5 });
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(text, fc.boolean()), { maxLength: 40 }),
        fc.array(text, { maxLength: 10 }),
        (fromEnd, edits, values) => {
          const index = new AffixIndex<string>(fromEnd);
          const live = new Set<string>();
          for (const [affix, add] of edits) {
            if (add && live.has(affix)) continue;
            index.edit(affix, affix, add);
            if (add) live.add(affix);
            else live.delete(affix);
          }
          for (const value of values) {
            const expected = [...live].filter((affix) =>
              fromEnd ? value.endsWith(affix) : value.startsWith(affix),
            );
            expect(found(index, value)).toEqual(expected.sort());
          }
        },
      ),
    );
  });
});
