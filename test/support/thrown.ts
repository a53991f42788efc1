/**
 * The error of type `type` that `action` throws; any other error is rethrown, and no error at all fails
 * the test. Tests use it to assert on an error's code and message.
 */
export function thrownBy<E extends Error>(
  action: () => unknown,
  type: abstract new (...args: never[]) => E,
): E {
  try {
    action();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name}, but the call succeeded`);
}

/** The error of type `type` that `promise` rejects with; any other error is rethrown, and fulfilment fails the test. */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name}, but the call succeeded`);
}
