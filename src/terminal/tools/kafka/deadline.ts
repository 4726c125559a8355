/**
 * Runs client work against a deadline and Ctrl-C, as Kafka's blocking client calls do: the Java tool
 * waits `default.api.timeout.ms` (or the tool's `--timeout`) and then fails with a `TimeoutException`.
 * kafkajs cannot cancel a call, so the work goes on in the background until the caller disconnects
 * the client (do that in a `finally`).
 */
import { InterruptedError } from '../interruption.ts';
import type { JavaException } from './java-exception.ts';

export interface DeadlineOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** The exception the tool reports when time is up. */
  onTimeout: () => JavaException;
}

export function untilDeadline<T>(work: Promise<T>, options: DeadlineOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (options.signal.aborted) {
      work.catch(() => {});
      reject(new InterruptedError());
      return;
    }
    const finish = () => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new InterruptedError());
    };
    const timer = setTimeout(() => {
      finish();
      reject(options.onTimeout());
    }, options.timeoutMs);
    options.signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
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
