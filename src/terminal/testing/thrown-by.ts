/** The error `work` throws synchronously, checked to be a `kind`: a test fails when it throws nothing or something else. */
export function thrownBy<E>(work: () => unknown, kind: abstract new (...args: never[]) => E): E {
  try {
    work();
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected a ${kind.name}, but nothing was thrown`);
}
