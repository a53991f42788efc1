import fc from "fast-check";
import { expect, test } from "vitest";
import { minifyJson } from "./minify-json.js";

test("whitespace between tokens goes, whitespace inside strings stays", () => {
  expect(minifyJson('{\n  "a b" : [ 1 , "x  y\\" z" ],\r\n\t"c": { } }')).toBe(
    '{"a b":[1,"x  y\\" z"],"c":{}}',
  );
});

test("number tokens keep the text they were written with", () => {
  expect(minifyJson("[ 1.0, 12345678901234567890, 1e400 ]")).toBe("[1.0,12345678901234567890,1e400]");
});

test("already minified JSON comes back unchanged", () => {
  expect(minifyJson('{"a":"b"}')).toBe('{"a":"b"}');
});

test("minifying pretty-printed JSON gives what JSON.stringify gives", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      expect(minifyJson(JSON.stringify(value, null, 2))).toBe(JSON.stringify(value));
    }),
  );
});
