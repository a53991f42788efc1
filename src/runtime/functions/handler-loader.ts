import { existsSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runtimeError } from "./lambda-errors.js";

/** A handler as Lambda calls it: `(event, context, callback)`; async handlers ignore the callback. */
export type LambdaHandler = (event: unknown, context: unknown, callback: unknown) => unknown;

/** A handler setting taken apart: which file to load and which export to call. */
export interface HandlerLocation {
  /** The module file, or undefined when none of Lambda's candidates exists. */
  readonly file: string | undefined;
  /** The module name as the handler setting writes it, for the "Cannot find module" message. */
  readonly moduleName: string;
  /** The export path, dot-separated (`handler`, `nested.handler`). */
  readonly exportPath: string;
}

// The extensions tried after the bare name, in the Node.js runtime's order (.js, .mjs, .cjs; the
// nodejs24.x runtime then tries .ts, .mts, .cts, which Switchyard loads on every Node version via tsx).
const MODULE_EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"] as const;
const MODULE_AND_EXPORT = /^([^.]*)\.(.*)$/;

/**
 * Splits a handler setting as the Node.js runtime client does (UserFunction.js): the last path segment
 * is `module.export.path`, everything before it the module's directory under `baseDirectory`; a
 * setting with `..` or without a dot is Runtime.MalformedHandlerName. The module is the first existing
 * file of the bare name, then `.js`, `.mjs`, `.cjs`, `.ts`, `.mts`, `.cts`.
 */
export function locateHandler(baseDirectory: string, handler: string): HandlerLocation {
  if (handler.includes("..")) {
    throw runtimeError(
      "MalformedHandlerName",
      `'${handler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const moduleAndExport = basename(handler);
  const moduleRoot = handler.slice(0, handler.length - moduleAndExport.length);
  const match = MODULE_AND_EXPORT.exec(moduleAndExport);
  if (match === null) throw runtimeError("MalformedHandlerName", "Bad handler");
  const moduleName = match[1] as string;
  const exportPath = match[2] as string;
  const stem = resolve(baseDirectory, moduleRoot, moduleName);
  const file = [stem, ...MODULE_EXTENSIONS.map((extension) => stem + extension)].find(isFile);
  return { file, moduleName, exportPath };
}

/** Whether a module file needs TypeScript support to load. */
export function isTypeScriptFile(file: string): boolean {
  return /\.[cm]?ts$/.test(file);
}

/**
 * Loads the handler function (Lambda's init phase), with the runtime's errors: a missing module is
 * Runtime.ImportModuleError, a syntax error Runtime.UserCodeSyntaxError, a missing or non-function
 * export Runtime.HandlerNotFound. Anything the module throws while it loads propagates as it is.
 */
export async function loadHandler(baseDirectory: string, handler: string): Promise<LambdaHandler> {
  const location = locateHandler(baseDirectory, handler);
  if (location.file === undefined) {
    throw runtimeError("ImportModuleError", `Error: Cannot find module '${location.moduleName}'`);
  }
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(pathToFileURL(location.file).href)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SyntaxError) {
      const wrapped = runtimeError("UserCodeSyntaxError", String(error));
      if (error.stack !== undefined) wrapped.stack = error.stack;
      throw wrapped;
    }
    throw error;
  }
  // A CommonJS module's exports are its namespace's default when Node's lexer could not name them.
  const found =
    resolveExport(namespace, location.exportPath) ?? resolveExport(namespace.default, location.exportPath);
  // The runtime checks `!handlerFunc`: any falsy export counts as missing.
  if (!found) {
    throw runtimeError("HandlerNotFound", `${handler} is undefined or not exported`);
  }
  if (typeof found !== "function") throw runtimeError("HandlerNotFound", `${handler} is not a function`);
  return found as LambdaHandler;
}

function resolveExport(root: unknown, exportPath: string): unknown {
  let value = root;
  for (const key of exportPath.split(".")) {
    if (value === undefined || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
