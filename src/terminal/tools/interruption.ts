/**
 * Ctrl-C while a command waits. A JVM tool dies of SIGINT at once, whatever it was waiting for; here
 * the command stops waiting, and the work it waited on goes on in the background (a promise cannot be
 * cancelled) until the command closes what it opened. Its late outcome is dropped.
 */

/** Ctrl-C arrived while waiting. */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

/** Settles as `work` does, or resolves to `whenInterrupted` as soon as `signal` aborts. */
export function unlessInterrupted<T, F>(work: Promise<T>, signal: AbortSignal, whenInterrupted: F): Promise<T | F> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.resolve(whenInterrupted);
  }
  return new Promise<T | F>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => {});
      resolve(whenInterrupted);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Settles as `work` does, or rejects with `InterruptedError` as soon as `signal` aborts. */
export async function interruptible<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  const interrupted = Symbol('interrupted');
  const outcome = await unlessInterrupted(work, signal, interrupted);
  if (outcome === interrupted) throw new InterruptedError();
  return outcome as T;
}
