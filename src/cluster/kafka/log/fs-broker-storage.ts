/**
 * A broker's log dir on disk (Node only), laid out as Kafka lays it out:
 *
 *   meta.properties
 *   replication-offset-checkpoint        high watermarks        (`topic partition offset` lines)
 *   log-start-offset-checkpoint          log start offsets above the first segment's base
 *   recovery-point-offset-checkpoint     what was flushed
 *   cleaner-offset-checkpoint            where each compacted log's clean part ends (the log cleaner's)
 *   <topic>-<partition>/
 *     00000000000000000000.log           RecordBatch v2 bytes back to back, one file per segment
 *     00000000000000000000.index         offset index: relative offset int32 + position int32
 *     00000000000000000000.timeindex     time index: timestamp int64 + relative offset int32
 *     leader-epoch-checkpoint            `epoch startOffset` lines
 *     partition.metadata                 the topic id
 *
 * Writes are queued and run in order; consecutive appends to one segment are written together. A torn last
 * batch (crash) is cut off on load, missing or torn index files are rebuilt. Deleted segments are removed at once (Kafka renames them `.deleted` and
 * removes them after `file.delete.delay.ms`; leftover `.deleted` files are removed on load).
 */
import { appendFile, mkdir, readdir, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrokerStorage, StoredPartition, StoredSegment } from './broker-storage.ts';
import { decodeEpochCheckpoint, decodeOffsetCheckpoint, encodeEpochCheckpoint, encodeOffsetCheckpoint } from './checkpoint-file.ts';
import type { EpochEntry } from './leader-epochs.ts';
import type { LogSegment } from './log-segment.ts';
import { buildSegmentIndexes, concatBytes, OFFSET_INDEX_ENTRY_BYTES, SegmentIndexBuilder, TIME_INDEX_ENTRY_BYTES } from './segment-index.ts';
import { needsRecovery, validBatchCount } from './segment-recovery.ts';
import { describeBatch, splitBatches } from './stored-batch.ts';
import type { StoredBatch } from './stored-batch.ts';

const REPLICATION_CHECKPOINT = 'replication-offset-checkpoint';
const LOG_START_CHECKPOINT = 'log-start-offset-checkpoint';
const RECOVERY_CHECKPOINT = 'recovery-point-offset-checkpoint';
const CLEANER_CHECKPOINT = 'cleaner-offset-checkpoint';
const EPOCH_CHECKPOINT = 'leader-epoch-checkpoint';
const PARTITION_METADATA = 'partition.metadata';

/** Kafka's `CheckpointFile.write`: `<file>.tmp` first, then renamed over `file` (a crash never leaves it torn). */
async function writeCheckpointFile(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

/** Kafka's segment file name: the base offset, 20 digits. */
export function segmentFileName(baseOffset: bigint, suffix: '.log' | '.index' | '.timeindex'): string {
  return `${baseOffset.toString().padStart(20, '0')}${suffix}`;
}

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly dir: string;
  /** Every segment's index state by base offset (where the next append goes). */
  readonly segments: Map<bigint, SegmentIndexBuilder>;
  logStartOffset: bigint | undefined;
  highWatermark: bigint | undefined;
  cleanerOffset: bigint | undefined;
  /** The offset after the last batch written (the recovery point once flushed). */
  nextOffset: bigint;
  epochs: readonly EpochEntry[];
  epochWritePending: boolean;
}

type Operation =
  | { kind: 'append'; dir: string; baseOffset: bigint; log: Uint8Array[]; index: Uint8Array[]; time: Uint8Array[]; newSegment: boolean }
  | { kind: 'task'; run: () => Promise<void> };

export interface FsBrokerStorageOptions {
  /** `log.index.interval.bytes` when the log does not say its topic's (Kafka: 4096); also used to rebuild indexes on load. */
  indexIntervalBytes?: number;
}

export class FsBrokerStorage implements BrokerStorage {
  readonly logDir: string;
  readonly #brokerId: number;
  readonly #indexIntervalBytes: number;
  readonly #partitions = new Map<string, PartitionState>();
  readonly #createdDirs = new Set<string>();
  /** Replicas deleted and not created again: late writes for them are refused, so their dir stays gone. */
  readonly #deleted = new Set<string>();
  /** A `cleaner-offset-checkpoint` was written: it is rewritten even when no cleaned log is left in it. */
  #cleanerCheckpointWritten = false;
  #operations: Operation[] = [];
  #draining: Promise<void> | undefined;
  #checkpointPending = false;
  #failures = 0;

  constructor(logDir: string, brokerId: number, options: FsBrokerStorageOptions = {}) {
    this.logDir = logDir;
    this.#brokerId = brokerId;
    this.#indexIntervalBytes = options.indexIntervalBytes ?? 4096;
  }

  /** Writes that failed (disk full, permissions): the broker keeps running, as the log is in memory. */
  get failures(): number {
    return this.#failures;
  }

  async loadPartitions(): Promise<StoredPartition[]> {
    await mkdir(this.logDir, { recursive: true });
    await writeFile(path.join(this.logDir, 'meta.properties'), `#kafkalab\nversion=0\nbroker.id=${this.#brokerId}\n`);
    const highWatermarks = await this.#readOffsets(REPLICATION_CHECKPOINT);
    const logStarts = await this.#readOffsets(LOG_START_CHECKPOINT);
    const cleanerOffsets = await this.#readOffsets(CLEANER_CHECKPOINT);
    const recoveryPoints = await this.#readOffsets(RECOVERY_CHECKPOINT);
    this.#cleanerCheckpointWritten = cleanerOffsets.size > 0;
    const out: StoredPartition[] = [];
    for (const entry of await readdir(this.logDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const match = /^(.+)-(\d+)$/.exec(entry.name);
      if (!match) continue;
      const topic = match[1];
      const partition = Number(match[2]);
      const dir = path.join(this.logDir, entry.name);
      const state = this.#state(topic, partition);
      const key = `${topic}-${partition}`;
      const segments = await this.#loadSegments(state, recoveryPoints.get(key));
      state.highWatermark = highWatermarks.get(key);
      state.logStartOffset = logStarts.get(key);
      state.cleanerOffset = cleanerOffsets.get(key);
      const topicId = await readFile(path.join(dir, PARTITION_METADATA), 'utf8').then(
        (text) => /^topic_id: *(\S+)/m.exec(text)?.[1],
        () => undefined,
      );
      const epochs = await readFile(path.join(dir, EPOCH_CHECKPOINT), 'utf8').then(decodeEpochCheckpoint, () => undefined);
      if (epochs) state.epochs = epochs;
      out.push({
        topic,
        partition,
        segments,
        highWatermark: state.highWatermark ?? 0n,
        ...(state.logStartOffset !== undefined ? { logStartOffset: state.logStartOffset } : {}),
        ...(state.cleanerOffset !== undefined ? { cleanerOffset: state.cleanerOffset } : {}),
        ...(epochs && epochs.length > 0 ? { epochs } : {}),
        ...(topicId ? { topicId } : {}),
      });
    }
    return out;
  }

  appendBatches(topic: string, partition: number, segmentBaseOffset: bigint, batches: readonly StoredBatch[], indexIntervalBytes?: number): void {
    const state = this.#writable(topic, partition);
    if (!state) return;
    let builder = state.segments.get(segmentBaseOffset);
    const newSegment = !builder;
    if (!builder) state.segments.set(segmentBaseOffset, (builder = new SegmentIndexBuilder(segmentBaseOffset, indexIntervalBytes ?? this.#indexIntervalBytes)));
    const last = this.#operations[this.#operations.length - 1];
    const operation =
      last?.kind === 'append' && last.dir === state.dir && last.baseOffset === segmentBaseOffset
        ? last
        : { kind: 'append' as const, dir: state.dir, baseOffset: segmentBaseOffset, log: [], index: [], time: [], newSegment };
    for (const batch of batches) {
      const entries = builder.add(batch);
      operation.log.push(batch.bytes);
      if (entries.offsetIndex.length > 0) operation.index.push(entries.offsetIndex);
      if (entries.timeIndex.length > 0) operation.time.push(entries.timeIndex);
      state.nextOffset = batch.lastOffset + 1n;
    }
    if (operation !== last) this.#push(operation);
  }

  writeSegments(topic: string, partition: number, segments: readonly LogSegment[], indexIntervalBytes?: number): void {
    const state = this.#writable(topic, partition);
    if (!state) return;
    for (const segment of segments) {
      const batches = [...segment.batches];
      const built = buildSegmentIndexes(segment.baseOffset, batches, indexIntervalBytes ?? this.#indexIntervalBytes);
      state.segments.set(segment.baseOffset, built.builder);
      this.#task(async () => {
        await this.#ensureDir(state.dir);
        // Written beside as `.cleaned`, then renamed over (Kafka's cleaner swap): a crash leaves the old file
        // or the new one, never a torn one; leftover `.cleaned` files are removed on load.
        const files: Array<[string, Uint8Array]> = [
          [segmentFileName(segment.baseOffset, '.log'), concatBytes(batches.map((b) => b.bytes))],
          [segmentFileName(segment.baseOffset, '.index'), built.offsetIndex],
          [segmentFileName(segment.baseOffset, '.timeindex'), built.timeIndex],
        ];
        for (const [name, bytes] of files) await writeFile(path.join(state.dir, `${name}.cleaned`), bytes);
        for (const [name] of files) await rename(path.join(state.dir, `${name}.cleaned`), path.join(state.dir, name));
      });
    }
    const lastSegment = [...state.segments.keys()].reduce((a, b) => (b > a ? b : a), -1n);
    const active = segments.find((s) => s.baseOffset === lastSegment);
    if (active) state.nextOffset = active.nextOffset;
  }

  deleteSegments(topic: string, partition: number, baseOffsets: readonly bigint[]): void {
    const state = this.#writable(topic, partition);
    if (!state) return;
    for (const baseOffset of baseOffsets) state.segments.delete(baseOffset);
    this.#task(async () => {
      for (const baseOffset of baseOffsets) {
        for (const suffix of ['.log', '.index', '.timeindex'] as const) await rm(path.join(state.dir, segmentFileName(baseOffset, suffix)), { force: true });
      }
    });
    this.#checkpointSoon();
  }

  checkpointLogStartOffset(topic: string, partition: number, logStartOffset: bigint): void {
    const state = this.#writable(topic, partition);
    if (!state) return;
    state.logStartOffset = logStartOffset;
    this.#checkpointSoon();
  }

  checkpointLeaderEpochs(topic: string, partition: number, entries: readonly EpochEntry[]): void {
    const state = this.#writable(topic, partition);
    if (!state) return;
    state.epochs = [...entries];
    if (state.epochWritePending) return;
    state.epochWritePending = true;
    this.#task(async () => {
      state.epochWritePending = false;
      await this.#ensureDir(state.dir);
      await writeCheckpointFile(path.join(state.dir, EPOCH_CHECKPOINT), encodeEpochCheckpoint(state.epochs));
    });
  }

  checkpointHighWatermark(topic: string, partition: number, highWatermark: bigint): void {
    const state = this.#writable(topic, partition);
    if (!state || state.highWatermark === highWatermark) return;
    state.highWatermark = highWatermark;
    this.#checkpointSoon();
  }

  checkpointCleanerOffset(topic: string, partition: number, offset: bigint): void {
    const state = this.#writable(topic, partition);
    if (!state || state.cleanerOffset === offset) return;
    state.cleanerOffset = offset;
    this.#checkpointSoon();
  }

  /** Kafka's `partition.metadata`: `version: 0` and `topic_id: <id>`. */
  recordTopicId(topic: string, partition: number, topicId: string): void {
    const state = this.#writable(topic, partition);
    if (!state) return;
    this.#task(async () => {
      await this.#ensureDir(state.dir);
      await writeCheckpointFile(path.join(state.dir, PARTITION_METADATA), `version: 0\ntopic_id: ${topicId}\n`);
    });
  }

  deletePartition(topic: string, partition: number): void {
    const state = this.#state(topic, partition);
    this.#partitions.delete(`${topic}-${partition}`);
    this.#deleted.add(`${topic}-${partition}`);
    this.#task(async () => {
      this.#createdDirs.delete(state.dir);
      await rm(state.dir, { recursive: true, force: true });
    });
    this.#checkpointSoon();
  }

  createPartition(topic: string, partition: number): void {
    this.#deleted.delete(`${topic}-${partition}`);
  }

  async close(): Promise<void> {
    while (this.#draining) await this.#draining;
    await this.#writeCheckpoints().catch(() => {
      this.#failures += 1;
    });
  }

  // ---- loading -------------------------------------------------------------------------------------

  /**
   * Reads a replica's segments, cuts a torn tail and, past the recovery point, the batches from the first whose
   * CRC fails on (dropping the segments after it: `segment-recovery.ts`), rebuilds missing or torn indexes,
   * drops `.deleted` leftovers.
   */
  async #loadSegments(state: PartitionState, recoveryPoint: bigint | undefined): Promise<StoredSegment[]> {
    const names = await readdir(state.dir);
    for (const name of names.filter((n) => n.endsWith('.deleted') || n.endsWith('.cleaned') || n.endsWith('.tmp'))) await rm(path.join(state.dir, name), { force: true });
    const bases = names
      .filter((n) => /^\d{20}\.log$/.test(n))
      .map((n) => BigInt(n.slice(0, 20)))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const segments: StoredSegment[] = [];
    let corrupt = false;
    for (const [i, baseOffset] of bases.entries()) {
      const file = path.join(state.dir, segmentFileName(baseOffset, '.log'));
      if (corrupt) {
        // After a corrupt batch the log ends: later segments go (Kafka deletes them in recovery).
        for (const suffix of ['.log', '.index', '.timeindex'] as const) await rm(path.join(state.dir, segmentFileName(baseOffset, suffix)), { force: true });
        continue;
      }
      const bytes = new Uint8Array(await readFile(file));
      let batches = splitBatches(bytes);
      if (needsRecovery(batches, i === bases.length - 1, recoveryPoint)) {
        const count = validBatchCount(batches);
        if (count < batches.length) {
          corrupt = true;
          batches = batches.slice(0, count);
          // An index built past the cut must be rebuilt.
          await rm(path.join(state.dir, segmentFileName(baseOffset, '.index')), { force: true });
        }
      }
      const valid = batches.reduce((n, b) => n + b.length, 0);
      if (valid < bytes.length) await truncate(file, valid);
      const described = batches.map(describeBatch);
      const built = buildSegmentIndexes(baseOffset, described, this.#indexIntervalBytes);
      state.segments.set(baseOffset, built.builder);
      const indexSize = await readFile(path.join(state.dir, segmentFileName(baseOffset, '.index'))).then((b) => b.length, () => -1);
      const timeSize = await readFile(path.join(state.dir, segmentFileName(baseOffset, '.timeindex'))).then((b) => b.length, () => -1);
      // Missing or torn index files are rebuilt (Kafka rebuilds an index that fails its sanity check).
      if (indexSize < 0 || timeSize < 0 || indexSize % OFFSET_INDEX_ENTRY_BYTES !== 0 || timeSize % TIME_INDEX_ENTRY_BYTES !== 0) {
        await writeFile(path.join(state.dir, segmentFileName(baseOffset, '.index')), built.offsetIndex);
        await writeFile(path.join(state.dir, segmentFileName(baseOffset, '.timeindex')), built.timeIndex);
      }
      const last = described[described.length - 1];
      if (last) state.nextOffset = last.lastOffset + 1n;
      segments.push({ baseOffset, batches });
    }
    this.#createdDirs.add(state.dir);
    return segments;
  }

  async #readOffsets(file: string): Promise<Map<string, bigint>> {
    const text = await readFile(path.join(this.logDir, file), 'utf8').catch(() => '');
    return new Map(decodeOffsetCheckpoint(text).map((e) => [`${e.topic}-${e.partition}`, e.offset]));
  }

  // ---- writing ---------------------------------------------------------------------------------------

  /** The replica's state for a write; undefined (write refused) once it was deleted and not created again. */
  #writable(topic: string, partition: number): PartitionState | undefined {
    return this.#deleted.has(`${topic}-${partition}`) ? undefined : this.#state(topic, partition);
  }

  #state(topic: string, partition: number): PartitionState {
    const key = `${topic}-${partition}`;
    let state = this.#partitions.get(key);
    if (!state) {
      state = {
        topic,
        partition,
        dir: path.join(this.logDir, key),
        segments: new Map(),
        logStartOffset: undefined,
        highWatermark: undefined,
        cleanerOffset: undefined,
        nextOffset: 0n,
        epochs: [],
        epochWritePending: false,
      };
      this.#partitions.set(key, state);
    }
    return state;
  }

  async #ensureDir(dir: string): Promise<void> {
    if (this.#createdDirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.#createdDirs.add(dir);
  }

  #task(run: () => Promise<void>): void {
    this.#push({ kind: 'task', run });
  }

  #push(operation: Operation): void {
    this.#operations.push(operation);
    this.#draining ??= this.#drain();
  }

  async #drain(): Promise<void> {
    // Let the appends of this turn of the event loop join into one write per segment.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#operations.length > 0) {
      const operation = this.#operations.shift()!;
      try {
        if (operation.kind === 'task') await operation.run();
        else await this.#append(operation);
      } catch {
        this.#failures += 1;
      }
    }
    this.#draining = undefined;
  }

  async #append(operation: Extract<Operation, { kind: 'append' }>): Promise<void> {
    await this.#ensureDir(operation.dir);
    await appendFile(path.join(operation.dir, segmentFileName(operation.baseOffset, '.log')), concatBytes(operation.log));
    // A new segment (the log rolled) gets its index files at once, empty or not, as Kafka's do.
    if (operation.newSegment || operation.index.length > 0) await appendFile(path.join(operation.dir, segmentFileName(operation.baseOffset, '.index')), concatBytes(operation.index));
    if (operation.newSegment || operation.time.length > 0) await appendFile(path.join(operation.dir, segmentFileName(operation.baseOffset, '.timeindex')), concatBytes(operation.time));
  }

  #checkpointSoon(): void {
    if (this.#checkpointPending) return;
    this.#checkpointPending = true;
    this.#task(async () => {
      this.#checkpointPending = false;
      await this.#writeCheckpoints();
    });
  }

  /**
   * The broker-level checkpoint files (`cleaner-offset-checkpoint` once a log was cleaned). As Kafka, `log-start-offset-checkpoint` lists only logs whose start
   * lies above their first segment's base offset (otherwise the segments say it).
   */
  async #writeCheckpoints(): Promise<void> {
    const states = [...this.#partitions.values()];
    const firstBase = (s: PartitionState) => [...s.segments.keys()].reduce((a, b) => (a < 0n || b < a ? b : a), -1n);
    await mkdir(this.logDir, { recursive: true });
    await writeCheckpointFile(
      path.join(this.logDir, REPLICATION_CHECKPOINT),
      encodeOffsetCheckpoint(states.filter((s) => s.highWatermark !== undefined).map((s) => ({ topic: s.topic, partition: s.partition, offset: s.highWatermark! }))),
    );
    await writeCheckpointFile(
      path.join(this.logDir, LOG_START_CHECKPOINT),
      encodeOffsetCheckpoint(
        states
          .filter((s) => s.logStartOffset !== undefined && s.logStartOffset > firstBase(s))
          .map((s) => ({ topic: s.topic, partition: s.partition, offset: s.logStartOffset! })),
      ),
    );
    await writeCheckpointFile(path.join(this.logDir, RECOVERY_CHECKPOINT), encodeOffsetCheckpoint(states.map((s) => ({ topic: s.topic, partition: s.partition, offset: s.nextOffset }))));
    const cleaned = states.filter((s) => s.cleanerOffset !== undefined);
    if (cleaned.length > 0 || this.#cleanerCheckpointWritten) {
      this.#cleanerCheckpointWritten = true;
      await writeCheckpointFile(path.join(this.logDir, CLEANER_CHECKPOINT), encodeOffsetCheckpoint(cleaned.map((s) => ({ topic: s.topic, partition: s.partition, offset: s.cleanerOffset! }))));
    }
  }
}
