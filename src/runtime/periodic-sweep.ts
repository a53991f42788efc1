import type { Clock, TimerHandle } from "./clock.js";

/**
 * Runs `pass` every `intervalMs` on the clock, each pass scheduled after the last one ends (passes never
 * overlap). A pass that fails is reported to `onError` — never swallowed — or, without one, thrown. Returns
 * a function that stops it; a pass under way checks `stopped()` to end early.
 */
export function startPeriodicSweep(
  clock: Clock,
  intervalMs: number,
  pass: (stopped: () => boolean) => Promise<void>,
  onError?: (error: unknown) => void,
): () => void {
  let timer: TimerHandle | undefined;
  let stopped = false;
  const sweep = async () => {
    try {
      await pass(() => stopped);
    } catch (error) {
      if (onError === undefined) throw error;
      onError(error);
    } finally {
      if (!stopped) timer = clock.schedule(intervalMs, () => void sweep());
    }
  };
  timer = clock.schedule(intervalMs, () => void sweep());
  return () => {
    stopped = true;
    if (timer !== undefined) clock.cancel(timer);
  };
}
