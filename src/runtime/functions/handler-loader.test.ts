import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { loadHandler, locateHandler } from "./handler-loader.js";

const FIXTURES = resolve("test/fixtures/functions");

async function loadError(
  handler: string,
  baseDirectory = FIXTURES,
): Promise<{ name: string; message: string }> {
  try {
    await loadHandler(baseDirectory, handler);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${handler} loaded`);
}

describe("handler settings, read as Lambda's Node.js runtime reads them", () => {
  test("the last path segment is module.export; the module may be .ts, .mjs, .cjs …", () => {
    expect(locateHandler(FIXTURES, "behaviours.handler")).toEqual({
      file: join(FIXTURES, "behaviours.ts"),
      moduleName: "behaviours",
      exportPath: "handler",
    });
    expect(locateHandler(FIXTURES, "plain.handler").file).toBe(join(FIXTURES, "plain.mjs"));
    expect(locateHandler(FIXTURES, "legacy.handler").file).toBe(join(FIXTURES, "legacy.cjs"));
    expect(locateHandler(resolve("test/fixtures"), "functions/behaviours.asyncHandler").file).toBe(
      join(FIXTURES, "behaviours.ts"),
    );
    expect(locateHandler(FIXTURES, "behaviours.nested.handler").exportPath).toBe("nested.handler");
    expect(locateHandler(FIXTURES, "missing.handler").file).toBeUndefined();
  });

  test("a setting without a dot, or climbing out with '..', is Runtime.MalformedHandlerName", () => {
    expect(() => locateHandler(FIXTURES, "handler")).toThrow(
      expect.objectContaining({ name: "Runtime.MalformedHandlerName", message: "Bad handler" }),
    );
    expect(() => locateHandler(FIXTURES, "../functions/behaviours.handler")).toThrow(
      expect.objectContaining({
        name: "Runtime.MalformedHandlerName",
        message:
          "'../functions/behaviours.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
      }),
    );
  });

  test("loading fails with the runtime's errors: missing module, missing export, not a function", async () => {
    expect(await loadError("missing.handler")).toMatchObject({
      name: "Runtime.ImportModuleError",
      message: "Error: Cannot find module 'missing'",
    });
    expect(await loadError("behaviours.nothing")).toMatchObject({
      name: "Runtime.HandlerNotFound",
      message: "behaviours.nothing is undefined or not exported",
    });
    expect(await loadError("behaviours.notAFunction")).toMatchObject({
      name: "Runtime.HandlerNotFound",
      message: "behaviours.notAFunction is not a function",
    });
    expect(await loadError("fails-to-load.handler")).toMatchObject({
      name: "Error",
      message: "cannot start",
    });
  });

  test("ES module, CommonJS and TypeScript handlers load", async () => {
    expect(typeof (await loadHandler(FIXTURES, "plain.handler"))).toBe("function");
    expect(typeof (await loadHandler(FIXTURES, "legacy.handler"))).toBe("function");
    expect(typeof (await loadHandler(FIXTURES, "behaviours.asyncHandler"))).toBe("function");
  });
});
