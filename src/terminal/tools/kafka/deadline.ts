/**
 * Runs client work against a deadline and Ctrl-C, as Kafka's blocking client calls do: the Java tool
 * waits `default.api.timeout.ms` (or the tool's `--timeout`) and then fails with a `TimeoutException`.
 * kafkajs cannot cancel a call, so the work goes on in the background until the caller disconnects
 * the client (do that in a `finally`).
 */
import { interruptible } from '../interruption.ts';
import type { JavaException } from './java-exception.ts';

export interface DeadlineOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** The exception the tool reports when time is up. */
  onTimeout: () => JavaException;
}

export function untilDeadline<T>(work: Promise<T>, options: DeadlineOptions): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(options.onTimeout()), options.timeoutMs);
  });
  return interruptible(Promise.race([work, timedOut]), options.signal).finally(() => clearTimeout(timer));
}

/** Waits `ms`, or less when aborted (resolves either way). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
