import type { Scheduler } from './scheduler.ts';

interface Timer {
  readonly due: number;
  readonly seq: number;
  readonly task: () => void;
}

/**
 * A `Scheduler` whose clock only moves when a test says so. `advance(ms)` runs the timers that fall due,
 * in due-time order, and lets pending promise callbacks (offsets-topic appends) settle between them.
 */
export class ManualScheduler implements Scheduler {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  schedule(delayMs: number, task: () => void): () => void {
    const timer: Timer = { due: this.#now + Math.max(0, delayMs), seq: this.#seq++, task };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Timers not yet run or cancelled. */
  get pending(): number {
    return this.#timers.length;
  }

  /** Moves the clock forward by `ms`, running every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (;;) {
      const next = this.#nextDue();
      if (!next || next.due > target) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = Math.max(this.#now, next.due);
      next.task();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  #nextDue(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.#timers) {
      if (!best || timer.due < best.due || (timer.due === best.due && timer.seq < best.seq)) best = timer;
    }
    return best;
  }
}

/** Lets queued promise callbacks run (a macrotask turn flushes every microtask before it). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
