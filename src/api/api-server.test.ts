import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { splitTarget } from "./api-server.js";

describe("splitTarget", () => {
  test("gives the path and query new URL gives, for any origin-form request target", () => {
    const segment = fc.stringMatching(/^[\w\-.~%!$&'()*+,;=:@ "<>^`{|}?#]{0,12}$/);
    const target = fc
      .array(segment, { minLength: 1, maxLength: 5 })
      .map((segments) => `/${segments.join("/")}`)
      // "//x" is a network-path reference to new URL (host x), never an HTTP request's target.
      .filter((candidate) => !candidate.startsWith("//"));
    fc.assert(
      fc.property(target, (candidate) => {
        const url = new URL(candidate, "http://localhost");
        const split = splitTarget(candidate);
        expect(split.path).toBe(url.pathname);
        expect([...split.query]).toEqual([...url.searchParams]);
      }),
      { numRuns: 2_000 },
    );
  });

  test("examples: queue URLs, Lambda paths, dot segments and queries", () => {
    expect(splitTarget("/000000000000/orders.fifo").path).toBe("/000000000000/orders.fifo");
    expect(splitTarget("/2015-03-31/functions/arn%3Aaws%3Alambda/invocations").path).toBe(
      "/2015-03-31/functions/arn%3Aaws%3Alambda/invocations",
    );
    expect(splitTarget("/a/../b").path).toBe("/b");
    const withQuery = splitTarget("/2015-03-31/functions?MaxItems=2");
    expect(withQuery.path).toBe("/2015-03-31/functions");
    expect(withQuery.query.get("MaxItems")).toBe("2");
  });
});
