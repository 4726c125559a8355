/** Bounded waits for tests: every wait names what it waited for, so a hang becomes a clear failure. */

/** Rejects when `promise` has not settled after `timeoutMs`. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns a value other than `undefined`/`false`, for at most `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const suffix = lastError ? ` (last error: ${(lastError as Error).message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${suffix}`);
    }
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise of the next value passed to the returned `push`, plus everything pushed so far. */
export function recorder<T>(): { values: T[]; push: (value: T) => void; next: (timeoutMs: number, what: string) => Promise<T> } {
  const values: T[] = [];
  let waiters: Array<(value: T) => void> = [];
  let taken = 0;
  return {
    values,
    push(value) {
      values.push(value);
      const current = waiters;
      waiters = [];
      for (const waiter of current) waiter(value);
    },
    next(timeoutMs, what) {
      if (values.length > taken) return Promise.resolve(values[taken++]);
      return within(
        new Promise<T>((resolve) =>
          waiters.push((value) => {
            taken++;
            resolve(value);
          }),
        ),
        timeoutMs,
        what,
      );
    },
  };
}
