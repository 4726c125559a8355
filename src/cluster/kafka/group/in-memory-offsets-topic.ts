/**
 * A test double of the broker's `OffsetsTopic`: `__consumer_offsets` as plain arrays. Several instances can
 * share one `InMemoryOffsetsLog` to play the brokers of a cluster (one leads a partition, another takes
 * over after `setLeader`), which is how the coordinator tests check reloading and failover without brokers.
 */
import type { OffsetsTopic, OffsetsTopicRecord } from '../broker/broker-services.ts';
import { KAFKA_ERRORS, KafkaProtocolError } from '../protocol/errors.ts';
import { offsetsPartitionFor } from './java-string-hash.ts';

/** The replicated log itself: what every broker's replica agrees on. */
export class InMemoryOffsetsLog {
  readonly partitionCount: number;
  readonly #partitions = new Map<number, OffsetsTopicRecord[]>();

  constructor(partitionCount: number) {
    this.partitionCount = partitionCount;
  }

  records(partition: number): OffsetsTopicRecord[] {
    let list = this.#partitions.get(partition);
    if (!list) this.#partitions.set(partition, (list = []));
    return list;
  }

  append(partition: number, records: ReadonlyArray<{ key: Uint8Array | null; value: Uint8Array | null }>): void {
    const list = this.records(partition);
    for (const { key, value } of records) list.push({ offset: BigInt(list.length), key, value });
  }
}

export class InMemoryOffsetsTopic implements OffsetsTopic {
  readonly log: InMemoryOffsetsLog;
  readonly #leading = new Set<number>();
  readonly #listeners = new Set<(partition: number, isLeader: boolean) => void>();
  /** When set, appends fail with this error (e.g. NOT_ENOUGH_REPLICAS). */
  failAppends: KafkaProtocolError | null = null;
  /** When set, every append and read waits for this before completing (slow replication, slow load). */
  gate: Promise<void> | null = null;
  appendCalls = 0;

  constructor(log: InMemoryOffsetsLog, leading: Iterable<number> = []) {
    this.log = log;
    for (const partition of leading) this.#leading.add(partition);
  }

  /** Leads every partition. */
  static leaderOfAll(partitionCount: number): InMemoryOffsetsTopic {
    const log = new InMemoryOffsetsLog(partitionCount);
    return new InMemoryOffsetsTopic(log, Array.from({ length: partitionCount }, (_, p) => p));
  }

  get partitionCount(): number {
    return this.log.partitionCount;
  }

  partitionFor(groupId: string): number {
    return offsetsPartitionFor(groupId, this.partitionCount);
  }

  async ensureCreated(): Promise<boolean> {
    return true;
  }

  isLocalLeader(partition: number): boolean {
    return this.#leading.has(partition);
  }

  async append(partition: number, records: Array<{ key: Uint8Array | null; value: Uint8Array | null }>): Promise<void> {
    this.appendCalls++;
    if (this.gate) await this.gate;
    if (this.failAppends) throw this.failAppends;
    if (!this.#leading.has(partition)) throw new KafkaProtocolError(KAFKA_ERRORS.NOT_LEADER_OR_FOLLOWER);
    this.log.append(partition, records);
  }

  async readAll(partition: number): Promise<OffsetsTopicRecord[]> {
    if (this.gate) await this.gate;
    return [...this.log.records(partition)];
  }

  onLeadershipChange(listener: (partition: number, isLeader: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Gains or loses the leadership of `partition` and tells the listeners, as the broker would. */
  setLeader(partition: number, isLeader: boolean): void {
    if (this.#leading.has(partition) === isLeader) return;
    if (isLeader) this.#leading.add(partition);
    else this.#leading.delete(partition);
    for (const listener of [...this.#listeners]) listener(partition, isLeader);
  }
}
