/**
 * Runs work that is not a check (a reference solution, a lab's reset) in a context of its own with a
 * deadline: the signal aborts when time is up, the work is abandoned, and every client it opened is closed.
 */
import type { LabContextFactory, OpenedLabContext } from '../../labs/grade.ts';
import type { LabContext } from '../../labs/lab-context.ts';

export class LabWorkTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`it did not finish within ${timeoutMs / 1000} s`);
    this.name = 'LabWorkTimeoutError';
  }
}

export async function withLabContext<T>(open: LabContextFactory, timeoutMs: number, work: (context: LabContext) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new LabWorkTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  let opened: OpenedLabContext | undefined;
  const opening = open(controller.signal).then((value) => (opened = value));
  try {
    return await Promise.race([opening.then((value) => work(value.context)), deadline]);
  } finally {
    clearTimeout(timer);
    if (!controller.signal.aborted) controller.abort(new Error('finished'));
    // A context still opening when the deadline cut the work short is closed as soon as it exists.
    if (opened) await opened.close().catch(() => {});
    else void opening.then((late) => late.close()).catch(() => {});
  }
}
