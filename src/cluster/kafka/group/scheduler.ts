/**
 * Time and timers for the group coordinator. Injected, so unit tests drive session timeouts, rebalance
 * timeouts and the initial rebalance delay with a manual clock (`manual-scheduler.ts`) instead of sleeping.
 */
export interface Scheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `task` once after `delayMs`; the returned function cancels it (a no-op once it ran). */
  schedule(delayMs: number, task: () => void): () => void;
}

/** Wall-clock time and `setTimeout`. */
export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  schedule(delayMs, task) {
    const handle = setTimeout(task, Math.max(0, delayMs));
    return () => clearTimeout(handle);
  },
};
