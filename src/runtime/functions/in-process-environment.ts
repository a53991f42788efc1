/**
 * A function's own environment variables in the host's process.env while its in-process invocations run.
 * In-process mode shares one process.env among every function and the host, so the variables are written
 * when the first in-process invocation (or init) starts and the host's values come back when the last one
 * ends. Functions that give one variable different values and run at the same time see whichever was written
 * last after an await: worker mode gives each its own.
 */

/** In-process invocations and inits running now, across every runner of the process. */
let running = 0;
/** The host's values of the variables written since `running` left 0 (undefined: unset). */
const hostValues = new Map<string, string | undefined>();

/** Writes `variables` into process.env until the returned function is called (once). */
export function enterEnvironment(variables: Readonly<Record<string, string>>): () => void {
  for (const [name, value] of Object.entries(variables)) {
    if (!hostValues.has(name)) hostValues.set(name, process.env[name]);
    process.env[name] = value;
  }
  running += 1;
  let left = false;
  return () => {
    if (left) return;
    left = true;
    running -= 1;
    if (running > 0) return;
    for (const [name, value] of hostValues) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    hostValues.clear();
  };
}
