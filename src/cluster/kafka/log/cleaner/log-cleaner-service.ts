/**
 * A broker's log cleaner (Kafka's `LogCleaner` with one `CleanerThread` and its `LogCleanerManager`): every
 * `log.cleaner.backoff.ms` it picks the filthiest compacted log this broker holds — leader or follower
 * replica alike, each replica cleans its own log — cleans it, swaps the cleaned segments in and remembers
 * where the clean part ends (Kafka's `cleaner-offset-checkpoint`); after a round that cleaned something it
 * looks again at once. Time and timers come from the injected scheduler.
 */
import type { Scheduler } from '../../group/scheduler.ts';
import type { Logger } from '../../../logger.ts';
import type { CleanableLog, CleanerSegment } from './cleanable-log.ts';
import { isWorthCleaning, logToClean } from './cleanable-range.ts';
import type { LogToClean } from './cleanable-range.ts';
import type { CompactionConfig } from './compaction-config.ts';
import { CleaningAbortedError, cleanLog } from './log-cleaner.ts';
import type { CleanedSegment, CleaningRound } from './log-cleaner.ts';
import { OffsetMap } from './offset-map.ts';
import { lastOffsetsOfActiveProducers } from './producer-last-offsets.ts';

/** Broker settings of the cleaner (`log.cleaner.*`). */
export interface LogCleanerSettings {
  /** `log.cleaner.enable`. Kafka: true. */
  readonly enable: boolean;
  /** `log.cleaner.backoff.ms`: the pause when no log needs cleaning. Kafka: 15000. */
  readonly backoffMs: number;
  /** `log.cleaner.dedupe.buffer.size`: bytes of the offset map. Kafka: 134217728. */
  readonly dedupeBufferSize: number;
  /** `log.cleaner.io.buffer.load.factor`: how full the offset map gets. Kafka: 0.9. */
  readonly ioBufferLoadFactor: number;
}

/** A compacted replica's log as the cleaner sees it. */
export interface CompactedLog {
  /** `topic-partition`, for logs and the checkpoint. */
  readonly name: string;
  /** The topic's settings now (`cleanup.policy` without `compact` leaves the log alone). */
  compaction(): CompactionConfig;
  /** The log's segments and offsets now, as a round cleans them (a snapshot it can check its swaps against). */
  view(): CleanableLog;
  /**
   * The live segments and offsets, for choosing the filthiest log without copying every log's batches on each
   * pass (valid within the current turn only); `view()` when absent.
   */
  summary?(): CleanableLog;
  /** Swaps `cleaned` in for `replaced`; false when those are no longer the log's closed segments as they were. */
  swapIn(cleaned: CleanedSegment, replaced: readonly CleanerSegment[]): boolean;
  /**
   * Last data offset of each active idempotent producer, from the replica's producer state (Kafka's
   * `lastRecordsOfActiveProducers`); read from the batch headers when absent.
   */
  lastOffsetsOfProducers?(): ReadonlyMap<bigint, bigint>;
  /** The clean part now ends at `offset` (storage keeps it: `cleaner-offset-checkpoint`). */
  checkpointed?(offset: bigint): void;
}

export interface LogCleanerServiceOptions {
  /** Read again for every round (Kafka reconfigures the cleaner's settings dynamically). */
  readonly settings: () => LogCleanerSettings;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** The compacted logs this broker holds now. */
  readonly logs: () => Iterable<CompactedLog>;
}

export class LogCleanerService {
  readonly #options: LogCleanerServiceOptions;
  /** First dirty offset per log (Kafka's `cleaner-offset-checkpoint`). */
  readonly #checkpoints = new Map<string, bigint>();
  /** Logs whose cleaning failed with an unexpected error (Kafka's uncleanable partitions). */
  readonly #uncleanable = new Set<string>();
  /**
   * Logs a round is cleaning now (Kafka's `inProgress`): a concurrent pass leaves them alone; `forget` marks
   * the round aborted (Kafka's `abortCleaning`), so it swaps nothing in and checkpoints nothing.
   */
  readonly #inProgress = new Map<string, { aborted: boolean }>();
  #running = false;
  #stopped = false;
  #cancelTimer: (() => void) | undefined;
  #round: Promise<void> = Promise.resolve();

  constructor(options: LogCleanerServiceOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#running || !this.#options.settings().enable) return;
    this.#running = true;
    this.#stopped = false;
    this.#schedule(this.#options.settings().backoffMs);
  }

  /** Stops the cleaner; a round in progress swaps nothing more in. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopped = true;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    await this.#round;
  }

  /** Where the clean part of `name` ends, if it was ever cleaned. */
  checkpoint(name: string): bigint | undefined {
    return this.#checkpoints.get(name);
  }

  /** The checkpoint storage kept for `name` (read at startup). */
  restoreCheckpoint(name: string, offset: bigint): void {
    this.#checkpoints.set(name, offset);
  }

  /**
   * The log was truncated to `offset` (Kafka's `maybeTruncateCheckpoint`): the clean part cannot end past it.
   * Returns the lowered checkpoint, or undefined when it did not move.
   */
  truncated(name: string, offset: bigint): bigint | undefined {
    const checkpoint = this.#checkpoints.get(name);
    if (checkpoint === undefined || checkpoint <= offset) return undefined;
    this.#checkpoints.set(name, offset);
    return offset;
  }

  /** The log is gone (topic deleted, replica moved away): a round cleaning it is aborted. */
  forget(name: string): void {
    const inProgress = this.#inProgress.get(name);
    if (inProgress) inProgress.aborted = true;
    this.#checkpoints.delete(name);
    this.#uncleanable.delete(name);
  }

  /**
   * One pass of Kafka's `CleanerThread.tryCleanFilthiestLog`: cleans the compacted log with the highest dirty
   * ratio above its `min.cleanable.dirty.ratio` (or past `max.compaction.lag.ms`). Returns whether it cleaned.
   */
  async cleanFilthiestLog(): Promise<boolean> {
    const now = this.#options.scheduler.now();
    const filthiest = this.#grabFilthiestLog(now);
    if (!filthiest) return false;
    const { log, toClean, config } = filthiest;
    // Taken in the same turn as the choice: the same segments the cleanable range was computed from.
    const view = filthiest.view ?? log.view();
    const { logger } = this.#options;
    const { dedupeBufferSize, ioBufferLoadFactor } = this.#options.settings();
    const map = OffsetMap.fromBufferSize(dedupeBufferSize, ioBufferLoadFactor);
    let round: CleaningRound;
    const inProgress = { aborted: false };
    this.#inProgress.set(log.name, inProgress);
    try {
      round = await cleanLog(view, toClean, map, {
        segmentBytes: config.segmentBytes,
        deleteRetentionMs: config.deleteRetentionMs,
        now,
        lastOffsetOfProducers: log.lastOffsetsOfProducers?.() ?? lastOffsetsOfActiveProducers(view.segments, now),
        swapIn: (cleaned, replaced) => !this.#stopped && !inProgress.aborted && log.swapIn(cleaned, replaced),
      });
    } catch (error) {
      if (error instanceof CleaningAbortedError) {
        logger.info(`${error.message} (log ${log.name})`);
        return false;
      }
      this.#uncleanable.add(log.name);
      logger.error(`failed to clean log ${log.name}; it is marked uncleanable`, { error: String(error) });
      return false;
    } finally {
      if (this.#inProgress.get(log.name) === inProgress) this.#inProgress.delete(log.name);
    }
    if (inProgress.aborted) {
      logger.info(`cleaning of log ${log.name} aborted: the log was deleted`);
      return false;
    }
    this.#checkpoints.set(log.name, round.endOffset);
    log.checkpointed?.(round.endOffset);
    const { stats } = round;
    logger.info(
      `cleaned log ${log.name} (dirty section = [${toClean.firstDirtyOffset}, ${round.endOffset})): ` +
        `${stats.recordsRead} records read, ${stats.recordsRetained} retained, ${stats.bytesRead} bytes read, ${stats.bytesWritten} written, ` +
        `${round.cleaned.length} cleaned segment(s), offset map ${(stats.bufferUtilization * 100).toFixed(1)}% full`,
    );
    return true;
  }

  /** Kafka's `grabFilthiestCompactedLog`, over each log's live summary; `view` is set when a snapshot was taken already. */
  #grabFilthiestLog(now: number): { log: CompactedLog; view: CleanableLog | undefined; toClean: LogToClean; config: CompactionConfig } | undefined {
    let filthiest: { log: CompactedLog; view: CleanableLog | undefined; toClean: LogToClean; config: CompactionConfig } | undefined;
    for (const log of this.#options.logs()) {
      if (this.#uncleanable.has(log.name) || this.#inProgress.has(log.name)) continue;
      const config = log.compaction();
      if (!config.compact) continue;
      const view = log.summary ? undefined : log.view();
      const toClean = logToClean(view ?? log.summary!(), this.#checkpoints.get(log.name), now, config);
      if (!isWorthCleaning(toClean, config.minCleanableRatio)) continue;
      if (!filthiest || toClean.cleanableRatio > filthiest.toClean.cleanableRatio) filthiest = { log, view, toClean, config };
    }
    return filthiest;
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    this.#cancelTimer = this.#options.scheduler.schedule(delayMs, () => {
      this.#round = this.cleanFilthiestLog().then(
        (cleaned) => this.#schedule(cleaned ? 0 : this.#options.settings().backoffMs),
        (error: unknown) => {
          this.#options.logger.error('log cleaner round failed', { error: String(error) });
          this.#schedule(this.#options.settings().backoffMs);
        },
      );
    });
  }
}
