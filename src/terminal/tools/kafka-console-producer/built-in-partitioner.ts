/**
 * The Java producer's built-in partitioner (Kafka 3.3+, KIP-794), as the console producer uses it:
 * a keyed record goes to `toPositive(murmur2(key)) % partitions`; records without a key stick to one
 * partition, picked at random among those with a leader, until `batch.size` bytes went to it, then
 * another is picked. So lines typed into the producer all land in one partition. (Adaptive
 * partitioning by broker queue sizes is left out: a console producer's queues stay near empty.)
 */
import type { PartitionLeader } from '../kafka/console-client.ts';
import { murmur2, toPositive } from './murmur2.ts';

export class BuiltInPartitioner {
  readonly #stickyBatchSize: number;
  readonly #random: () => number;
  #sticky: { partition: number; producedBytes: number } | null = null;

  /** `random` gives a non-negative integer (ThreadLocalRandom in Java). */
  constructor(stickyBatchSize: number, random: () => number = () => Math.floor(Math.random() * 0x7fffffff)) {
    this.#stickyBatchSize = Math.max(1, stickyBatchSize);
    this.#random = random;
  }

  /** The partition for a record of `sizeInBytes` with `key` (UTF-8 bytes or null). */
  partition(key: Uint8Array | null, sizeInBytes: number, partitions: readonly PartitionLeader[]): number {
    if (key !== null) return toPositive(murmur2(key)) % partitions.length;
    const sticky = (this.#sticky ??= { partition: this.#nextPartition(partitions), producedBytes: 0 });
    const partition = sticky.partition;
    sticky.producedBytes += sizeInBytes;
    if (sticky.producedBytes >= this.#stickyBatchSize) this.#sticky = { partition: this.#nextPartition(partitions), producedBytes: 0 };
    return partition;
  }

  #nextPartition(partitions: readonly PartitionLeader[]): number {
    const available = partitions.filter((partition) => partition.leader >= 0);
    const random = this.#random();
    if (available.length > 0) return available[random % available.length].partitionId;
    return random % partitions.length;
  }
}
