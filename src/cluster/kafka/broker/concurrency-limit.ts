/**
 * At most `limit` tasks running at once; the rest wait in order. The produce handler uses one per
 * request so a request with many compressed partitions decompresses a few at a time, not all at once
 * (bounded memory), while waiting for acks=all stays unbounded (that costs nothing).
 */
export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>;

export function concurrencyLimit(limit: number): ConcurrencyLimit {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
