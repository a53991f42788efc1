/** Runs the operations given to it one after another, each once the one before has settled. */
export type OneAtATime = <T>(operation: () => Promise<T>) => Promise<T>;

/**
 * A queue of asynchronous operations that never overlap: for changes that check state, wait for the store,
 * then change the state, and must not act on what another changed meanwhile. A failed operation fails its
 * own caller only; the next one runs.
 * @example
 * const serially = oneAtATime();
 * await serially(async () => { check(); await store.put(record); apply(); });
 */
export function oneAtATime(): OneAtATime {
  let last: Promise<unknown> = Promise.resolve();
  return (operation) => {
    const result = last.then(operation);
    last = result.catch(() => undefined);
    return result;
  };
}
