/**
 * A `BrokerStorage` in memory: hand the same instance to a restarted broker and it comes back with its
 * logs, as with a log dir on disk. Browser-safe; tests use it to restart brokers with their data.
 */
import type { BrokerStorage, StoredPartition } from './broker-storage.ts';

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class MemoryBrokerStorage implements BrokerStorage {
  readonly #partitions = new Map<string, StoredPartition>();

  async loadPartitions(): Promise<StoredPartition[]> {
    return [...this.#partitions.values()].map((p) => ({ ...p, batches: p.batches.map((b) => b.slice()) }));
  }

  append(topic: string, partition: number, batches: readonly Uint8Array[]): void {
    this.#entry(topic, partition).batches.push(...batches.map((b) => b.slice()));
  }

  truncate(topic: string, partition: number, batches: readonly Uint8Array[]): void {
    this.#entry(topic, partition).batches = batches.map((b) => b.slice());
  }

  checkpointHighWatermark(topic: string, partition: number, highWatermark: bigint): void {
    this.#entry(topic, partition).highWatermark = highWatermark;
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
    if (!entry) this.#partitions.set(key(topic, partition), (entry = { topic, partition, batches: [], highWatermark: 0n }));
    return entry;
  }
}
