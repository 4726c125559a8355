/**
 * The log manager's retention task (Kafka's `LogManager.cleanupLogs`, every `log.retention.check.interval.ms`):
 * every replica on this broker, leader or follower, deletes the segments its topic's `retention.ms` /
 * `retention.bytes` allow and those wholly below its log start offset (`UnifiedLog.deleteOldSegments`), never
 * beyond its high watermark.
 */
import type { Logger } from '../../logger.ts';
import type { Partition } from './partition.ts';

export interface LogRetentionOptions {
  partitions: () => Iterable<Partition>;
  intervalMs: () => number;
  logger: Logger;
  /** Timers (tests inject their own); default setTimeout/clearTimeout. */
  schedule?: (run: () => void, ms: number) => () => void;
}

const defaultSchedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export class LogRetention {
  readonly #options: LogRetentionOptions;
  readonly #schedule: (run: () => void, ms: number) => () => void;
  #cancel: (() => void) | undefined;

  constructor(options: LogRetentionOptions) {
    this.#options = options;
    this.#schedule = options.schedule ?? defaultSchedule;
  }

  start(): void {
    this.stop();
    const tick = () => {
      this.runOnce();
      this.#cancel = this.#schedule(tick, this.#options.intervalMs());
    };
    this.#cancel = this.#schedule(tick, this.#options.intervalMs());
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  /** One pass over every log; returns how many segments went. */
  runOnce(): number {
    let total = 0;
    for (const partition of this.#options.partitions()) {
      if (partition.role === 'none') continue;
      let deleted;
      try {
        deleted = partition.log.deleteOldSegments(partition.highWatermark);
      } catch (error) {
        this.#options.logger.warn('log retention failed', { topic: partition.topic, partition: partition.partition, error: String(error) });
        continue;
      }
      for (const { reason, segments } of deleted) {
        total += segments.length;
        this.#options.logger.info(`deleted ${segments.length} segment(s) due to ${reason} breach`, {
          topic: partition.topic,
          partition: partition.partition,
          segments: segments.map((s) => `${s.baseOffset}(${s.sizeBytes} bytes)`).join(', '),
          logStartOffset: String(partition.log.logStartOffset),
        });
      }
    }
    return total;
  }
}
