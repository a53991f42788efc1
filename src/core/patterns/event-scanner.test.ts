import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EventScanner, EventSyntaxError } from "./event-scanner.js";
import { createPathNode, EventLeaves, insertPath, type PathNode } from "./path-trie.js";

function trieOf(paths: string[][]): PathNode {
  const root = createPathNode();
  paths.forEach((path, id) => {
    insertPath(root, path).fieldId = id;
  });
  return root;
}

function leavesOf(fields: number, read: (leaves: EventLeaves) => void) {
  const leaves = new EventLeaves();
  leaves.reset();
  read(leaves);
  return Array.from({ length: fields }, (_, id) => {
    const count = leaves.countOf(id);
    if (count === 0) return { values: [], trails: [] };
    return { values: leaves.valuesOf(id).slice(0, count), trails: leaves.trailsOf(id).slice(0, count) };
  });
}

describe("the event scanner", () => {
  test("reads every JSON number exactly as JSON.parse does", () => {
    const root = trieOf([["n"]]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer(),
          fc.float({ noNaN: true, noDefaultInfinity: true }),
        ),
        (value) => {
          const text = `{"n": ${JSON.stringify(value)}}`;
          const [field] = leavesOf(1, (leaves) => new EventScanner().scan(text, root, leaves));
          expect(field?.values).toEqual([JSON.parse(text).n]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("finds the same leaves as a walk over JSON.parse's object, for any JSON object", () => {
    // Names sharing a first character or a prefix, the empty name, names JSON must escape, and "é", filed
    // with "i" (the scanner files names by their first code mod 128).
    const paths = [
      ["a"],
      ["a", "b"],
      ["ab"],
      ["c"],
      ["c", "d", "e"],
      ["x.y"],
      ["x", "y"],
      [""],
      ['q"q'],
      ["back\\slash"],
      ["é"],
      ["i"],
    ];
    const root = trieOf(paths.map((p) => p.flatMap((s) => s.split("."))));
    const key = fc.constantFrom(
      ...[
        "a",
        "ab",
        "abc",
        "b",
        "c",
        "d",
        "e",
        "x",
        "y",
        "x.y",
        "z",
        "",
        'q"q',
        "back\\slash",
        "é",
        "i",
        "ié",
      ],
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.oneof(
          fc.string(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.boolean(),
          fc.constant(null),
        ),
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(key, tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), fc.boolean(), (event, indent) => {
        const text = JSON.stringify(event, null, indent ? 2 : undefined);
        const parsed: unknown = JSON.parse(text);
        const scanned = leavesOf(paths.length, (leaves) => new EventScanner().scan(text, root, leaves));
        const walked = leavesOf(paths.length, (leaves) => leaves.collect(root, parsed));
        expect(scanned).toEqual(walked);
      }),
      { numRuns: 1000 },
    );
  });

  test("finds a named field spelled with escapes", () => {
    const root = trieOf([["ab"], ['q"q']]);
    const text = '{"\\u0061b": 1, "q\\"q": 2, "a\\u0062c": 3}';
    const [ab, quoted] = leavesOf(2, (leaves) => new EventScanner().scan(text, root, leaves));
    expect(ab?.values).toEqual([1]);
    expect(quoted?.values).toEqual([2]);
  });

  test("rejects text that is not a JSON object", () => {
    const root = trieOf([["a"]]);
    for (const text of ["[1]", '"a"', '{"a": 1', '{"a" 1}', '{"a": tru}', '{"a": 1} x', "{'a': 1}"]) {
      const leaves = new EventLeaves();
      leaves.reset();
      expect(() => new EventScanner().scan(text, root, leaves), text).toThrow(EventSyntaxError);
    }
  });
});
