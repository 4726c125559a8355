/**
 * A `BrokerStorage` in memory: hand the same instance to a restarted broker and it comes back with its
 * logs, as with a log dir on disk. Browser-safe; the embedded cluster and tests use it to restart brokers
 * with their data.
 *
 * It shares the logs' batch buffers rather than copying them (a batch is not modified once appended), so a
 * replica costs its data once, not twice; segments go from here when the log deletes them.
 */
import type { BrokerStorage, StoredPartition, StoredSegment } from './broker-storage.ts';
import type { EpochEntry } from './leader-epochs.ts';
import type { LogSegment } from './log-segment.ts';
import type { StoredBatch } from './stored-batch.ts';

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class MemoryBrokerStorage implements BrokerStorage {
  readonly #partitions = new Map<string, StoredPartition>();
  /** Replicas deleted and not created again: late writes for them are dropped. */
  readonly #deleted = new Set<string>();

  async loadPartitions(): Promise<StoredPartition[]> {
    return [...this.#partitions.values()].map((p) => ({
      ...p,
      segments: p.segments.map((s) => ({ baseOffset: s.baseOffset, batches: [...s.batches] })),
      ...(p.epochs ? { epochs: [...p.epochs] } : {}),
    }));
  }

  appendBatches(topic: string, partition: number, segmentBaseOffset: bigint, batches: readonly StoredBatch[]): void {
    const entry = this.#entry(topic, partition);
    if (!entry) return;
    const segment = this.#segment(entry, segmentBaseOffset);
    for (const batch of batches) segment.batches.push(batch.bytes);
  }

  writeSegments(topic: string, partition: number, segments: readonly LogSegment[]): void {
    const entry = this.#entry(topic, partition);
    if (!entry) return;
    for (const written of segments) this.#segment(entry, written.baseOffset).batches = written.batches.map((b) => b.bytes);
  }

  deleteSegments(topic: string, partition: number, baseOffsets: readonly bigint[]): void {
    const entry = this.#entry(topic, partition);
    if (!entry) return;
    const gone = new Set(baseOffsets);
    entry.segments = entry.segments.filter((s) => !gone.has(s.baseOffset));
  }

  checkpointLogStartOffset(topic: string, partition: number, logStartOffset: bigint): void {
    const entry = this.#entry(topic, partition);
    if (entry) entry.logStartOffset = logStartOffset;
  }

  checkpointLeaderEpochs(topic: string, partition: number, entries: readonly EpochEntry[]): void {
    const entry = this.#entry(topic, partition);
    if (entry) entry.epochs = [...entries];
  }

  checkpointHighWatermark(topic: string, partition: number, highWatermark: bigint): void {
    const entry = this.#entry(topic, partition);
    if (entry) entry.highWatermark = highWatermark;
  }

  checkpointCleanerOffset(topic: string, partition: number, offset: bigint): void {
    const entry = this.#entry(topic, partition);
    if (entry) entry.cleanerOffset = offset;
  }

  recordTopicId(topic: string, partition: number, topicId: string): void {
    const entry = this.#entry(topic, partition);
    if (entry) entry.topicId = topicId;
  }

  deletePartition(topic: string, partition: number): void {
    this.#partitions.delete(key(topic, partition));
    this.#deleted.add(key(topic, partition));
  }

  createPartition(topic: string, partition: number): void {
    this.#deleted.delete(key(topic, partition));
  }

  async close(): Promise<void> {}

  /** The replica's entry, made on first write; undefined for a deleted replica (the write is refused). */
  #entry(topic: string, partition: number): StoredPartition | undefined {
    if (this.#deleted.has(key(topic, partition))) return undefined;
    let entry = this.#partitions.get(key(topic, partition));
    if (!entry) this.#partitions.set(key(topic, partition), (entry = { topic, partition, segments: [], highWatermark: 0n }));
    return entry;
  }

  /** The stored segment at `baseOffset`, created in order when new. */
  #segment(entry: StoredPartition, baseOffset: bigint): StoredSegment {
    const segments = entry.segments;
    const last = segments[segments.length - 1];
    if (last && last.baseOffset === baseOffset) return last;
    let index = segments.findIndex((s) => s.baseOffset >= baseOffset);
    if (index >= 0 && segments[index].baseOffset === baseOffset) return segments[index];
    if (index < 0) index = segments.length;
    const segment: StoredSegment = { baseOffset, batches: [] };
    segments.splice(index, 0, segment);
    return segment;
  }
}
