/**
 * How the Docker runtime knows a container is ready, as separate strategies (a healthcheck, a port, a log
 * line, ZooKeeper's `srvr`, a broker in `/brokers/ids`): each is one probe, `waitFor` repeats it until it
 * passes, and a timeout says what was awaited and what the last probe saw.
 */
export interface ProbeResult {
  ready: boolean;
  /** What the probe saw, for the timeout message ("Mode: looking", "connection refused"). */
  saw: string;
}

export interface WaitStrategy {
  /** What is awaited: "zookeeper-1's healthcheck `echo srvr | nc -w 2 localhost 2181 | grep -q 'Mode: '`". */
  readonly description: string;
  probe(): Promise<ProbeResult>;
}

export class WaitTimeoutError extends Error {
  readonly hint: string;
  constructor(strategy: WaitStrategy, timeoutMs: number, saw: string, hint: string) {
    super(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${strategy.description} (last saw: ${saw})`);
    this.name = 'WaitTimeoutError';
    this.hint = hint;
  }
}

export interface WaitOptions {
  timeoutMs: number;
  /** Pause between probes; default 500 ms. */
  intervalMs?: number;
  signal?: AbortSignal;
  /** What to tell the learner when it times out; default: look at the container's logs. */
  hint?: string;
}

export async function waitFor(strategy: WaitStrategy, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let saw = 'nothing yet';
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const result = await strategy.probe();
      if (result.ready) return;
      saw = result.saw;
    } catch (error) {
      saw = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) throw new WaitTimeoutError(strategy, options.timeoutMs, saw, options.hint ?? 'Look at the container’s logs (docker logs <name>) for why it is not ready.');
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}

/** Ready when every strategy is (probed in order; the first one not ready says what it saw). */
export function allOf(description: string, strategies: WaitStrategy[]): WaitStrategy {
  return {
    description,
    async probe() {
      for (const strategy of strategies) {
        const result = await strategy.probe();
        if (!result.ready) return { ready: false, saw: `${strategy.description}: ${result.saw}` };
      }
      return { ready: true, saw: 'all ready' };
    },
  };
}
