import { describe, expect, test } from "vitest";
import {
  exitErrorPayload,
  formatErrorForLog,
  runtimeError,
  timeoutErrorPayload,
  toErrorPayload,
} from "./lambda-errors.js";

describe("errors as Lambda's Node.js runtime reports them", () => {
  test("an Error gives its name, message and stack lines", () => {
    const error = new TypeError("boom");
    expect(toErrorPayload(error)).toEqual({
      errorType: "TypeError",
      errorMessage: "boom",
      trace: (error.stack as string).split("\n"),
    });
    expect(toErrorPayload(error).trace?.[0]).toBe("TypeError: boom");
  });

  test("a thrown value that is not an Error gives its typeof, its string form and an empty trace", () => {
    expect(toErrorPayload("a string")).toEqual({ errorType: "string", errorMessage: "a string", trace: [] });
    expect(toErrorPayload(42)).toEqual({ errorType: "number", errorMessage: "42", trace: [] });
    expect(toErrorPayload({ reason: "x" })).toEqual({
      errorType: "object",
      errorMessage: "[object Object]",
      trace: [],
    });
  });

  test("an object with a string name, message and stack counts as an Error", () => {
    const lookalike = {
      name: "Custom",
      message: "from elsewhere",
      stack: "Custom: from elsewhere\n    at x",
    };
    expect(toErrorPayload(lookalike)).toEqual({
      errorType: "Custom",
      errorMessage: "from elsewhere",
      trace: ["Custom: from elsewhere", "    at x"],
    });
  });

  test("a value whose string form throws becomes the runtime's 'handled' error", () => {
    expect(toErrorPayload(Object.create(null))).toEqual({
      errorType: "handled",
      errorMessage:
        "callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack",
    });
  });

  test("DEL characters are sent as %7F", () => {
    expect(toErrorPayload(new Error("a\x7Fb")).errorMessage).toBe("a%7Fb");
  });

  test("the log form is a tab and JSON with errorType, errorMessage, own properties and the stack as lines", () => {
    const error = Object.assign(new Error("bad input"), { field: "orderId" });
    const logged = JSON.parse(formatErrorForLog(error).slice(1)) as Record<string, unknown>;
    expect(formatErrorForLog(error).startsWith("\t{")).toBe(true);
    expect(logged).toMatchObject({ errorType: "Error", errorMessage: "bad input", field: "orderId" });
    expect((logged.stack as string[])[0]).toBe("Error: bad input");
    expect(JSON.parse(formatErrorForLog("plain").slice(1))).toMatchObject({
      errorType: "Error",
      errorMessage: "plain",
    });
  });

  test("runtime errors carry the runtime's names, in the stack too", () => {
    const error = runtimeError("HandlerNotFound", "index.handler is undefined or not exported");
    expect(toErrorPayload(error)).toMatchObject({
      errorType: "Runtime.HandlerNotFound",
      errorMessage: "index.handler is undefined or not exported",
    });
    expect(error.stack?.split("\n")[0]).toBe(
      "Runtime.HandlerNotFound: index.handler is undefined or not exported",
    );
  });

  test("a timeout and an exited runtime are Lambda's own errors, without a trace", () => {
    expect(timeoutErrorPayload("r-1", 3000)).toEqual({
      errorType: "Sandbox.Timedout",
      errorMessage: "RequestId: r-1 Error: Task timed out after 3.00 seconds",
    });
    expect(exitErrorPayload("r-1", 1)).toEqual({
      errorType: "Runtime.ExitError",
      errorMessage: "RequestId: r-1 Error: Runtime exited with error: exit status 1",
    });
    expect(exitErrorPayload("r-1", 0).errorMessage).toBe(
      "RequestId: r-1 Error: Runtime exited without providing a reason",
    );
  });
});
