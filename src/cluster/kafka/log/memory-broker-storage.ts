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

  async loadPartitions(): Promise<StoredPartition[]> {
    return [...this.#partitions.values()].map((p) => ({
      ...p,
      segments: p.segments.map((s) => ({ baseOffset: s.baseOffset, batches: [...s.batches] })),
      ...(p.epochs ? { epochs: [...p.epochs] } : {}),
    }));
  }

  appendBatches(topic: string, partition: number, segmentBaseOffset: bigint, batches: readonly StoredBatch[]): void {
    const segment = this.#segment(this.#entry(topic, partition), segmentBaseOffset);
    for (const batch of batches) segment.batches.push(batch.bytes);
  }

  writeSegments(topic: string, partition: number, segments: readonly LogSegment[]): void {
    const entry = this.#entry(topic, partition);
    for (const written of segments) this.#segment(entry, written.baseOffset).batches = written.batches.map((b) => b.bytes);
  }

  deleteSegments(topic: string, partition: number, baseOffsets: readonly bigint[]): void {
    const entry = this.#entry(topic, partition);
    const gone = new Set(baseOffsets);
    entry.segments = entry.segments.filter((s) => !gone.has(s.baseOffset));
  }

  checkpointLogStartOffset(topic: string, partition: number, logStartOffset: bigint): void {
    this.#entry(topic, partition).logStartOffset = logStartOffset;
  }

  checkpointLeaderEpochs(topic: string, partition: number, entries: readonly EpochEntry[]): void {
    this.#entry(topic, partition).epochs = [...entries];
  }

  checkpointHighWatermark(topic: string, partition: number, highWatermark: bigint): void {
    this.#entry(topic, partition).highWatermark = highWatermark;
  }

  checkpointCleanerOffset(topic: string, partition: number, offset: bigint): void {
    this.#entry(topic, partition).cleanerOffset = offset;
  }

  recordTopicId(topic: string, partition: number, topicId: string): void {
    this.#entry(topic, partition).topicId = topicId;
  }

  deletePartition(topic: string, partition: number): void {
    this.#partitions.delete(key(topic, partition));
  }

  async close(): Promise<void> {}

  #entry(topic: string, partition: number): StoredPartition {
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
