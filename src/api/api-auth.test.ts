import { describe, expect, test } from "vitest";
import {
  InvalidCredentialsError,
  isLoopbackHost,
  resolveApiAuth,
  UnprotectedEndpointError,
} from "./api-auth.js";

describe("which hosts are loopback", () => {
  test.each([
    "127.0.0.1",
    "127.8.9.10",
    "localhost",
    "LOCALHOST",
    "::1",
    "[::1]",
    "0:0:0:0:0:0:0:1",
    "::ffff:127.0.0.1",
  ])("%s stays on this machine", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  test.each(["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "128.0.0.1", "::ffff:10.0.0.1", "example.com", ""])(
    "%s does not",
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});

describe("resolving the endpoint's authentication", () => {
  test("loopback without credentials accepts anything: no verifier", () => {
    expect(resolveApiAuth("127.0.0.1", undefined)).toBeUndefined();
  });

  test("another host without credentials is refused, naming the host and how to give credentials", () => {
    expect(() => resolveApiAuth("0.0.0.0", undefined)).toThrow(UnprotectedEndpointError);
    expect(() => resolveApiAuth("192.168.1.20", undefined)).toThrow(
      /^Refusing to serve the AWS endpoint on 192\.168\.1\.20 without credentials: .*SWITCHYARD_ACCESS_KEY_ID/,
    );
  });

  test("credentials turn strict mode on, on loopback too; as a Map or a record", () => {
    expect(resolveApiAuth("127.0.0.1", { credentials: { AKID: "secret" } })).toBeDefined();
    expect(resolveApiAuth("0.0.0.0", { credentials: new Map([["AKID", "secret"]]) })).toBeDefined();
  });

  test("no credentials, an empty secret or a key id with a slash are refused", () => {
    expect(() => resolveApiAuth("0.0.0.0", { credentials: {} })).toThrow(InvalidCredentialsError);
    expect(() => resolveApiAuth("0.0.0.0", { credentials: { AKID: "" } })).toThrow(InvalidCredentialsError);
    expect(() => resolveApiAuth("0.0.0.0", { credentials: { "AK/ID": "secret" } })).toThrow(
      InvalidCredentialsError,
    );
  });
});
