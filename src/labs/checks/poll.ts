/**
 * Polling for checks and reference solutions: a check that waits for the cluster to settle (a follower
 * catching up into the ISR) polls within its own deadline and stops as soon as the grader aborts it; a
 * reference solution waits for what it did to take effect before the step is graded.
 */
import { LabClusterDownError } from '../cluster-down-error.ts';

export interface PollOptions {
  /** Stops polling when aborted (a check's `context.signal`). */
  signal: AbortSignal;
  /** Gives up after this long and returns the last value read. */
  timeoutMs: number;
  intervalMs?: number;
}

/**
 * Reads `read()` until `done(value)` holds, the signal aborts or `timeoutMs` passes; returns the last
 * value read (so a check can say what it saw). A read that throws is retried while time remains (the
 * cluster may be mid-failover; a down cluster is reported at once); the last error is thrown if no read
 * ever succeeded.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: { value: T } | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = { value: await read() };
      if (done(last.value)) return last.value;
    } catch (error) {
      // A down cluster stays down while we poll: say so now.
      if (error instanceof LabClusterDownError) throw error;
      lastError = error;
    }
    if (options.signal.aborted || Date.now() + (options.intervalMs ?? 250) > deadline) break;
    await sleep(options.intervalMs ?? 250, options.signal);
  }
  if (last) return last.value;
  throw lastError;
}

/**
 * For reference solutions: waits until `done` holds, or throws saying what it waited for and what it
 * last saw (a solution that cannot finish is a bug in the lab, not something for the learner to fix).
 */
export async function waitUntil<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, options: Omit<PollOptions, 'signal'> & { signal?: AbortSignal }): Promise<T> {
  const value = await pollUntil(read, done, { signal: options.signal ?? new AbortController().signal, timeoutMs: options.timeoutMs, intervalMs: options.intervalMs });
  if (!done(value)) throw new Error(`reference solution: timed out after ${options.timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(value, (_key, part: unknown) => (typeof part === 'bigint' ? String(part) : part))}`);
  return value;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
