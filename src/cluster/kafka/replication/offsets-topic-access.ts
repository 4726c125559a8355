/**
 * `__consumer_offsets` as the group coordinator sees it (`OffsetsTopic` in broker-services.ts), on top of
 * the replica manager: appends are acks=all writes of one uncompressed batch, reads replay the local log.
 */
import type { OffsetsTopic, OffsetsTopicRecord } from '../broker/broker-services.ts';
import type { BrokerConfig } from '../broker-config.ts';
import type { TopicAdmin } from '../controller/topic-admin.ts';
import { offsetsPartitionFor } from '../group/java-string-hash.ts';
import { OFFSETS_TOPIC } from '../metadata/zk-metadata-cache.ts';
import { decodeRecordBatch, encodeRecordBatch, KAFKA_ERRORS, KafkaProtocolError } from '../protocol/index.ts';
import type { ReplicaManager } from './replica-manager.ts';

/** Kafka's `offsets.commit.timeout.ms`: how long an offsets write may wait for the ISR. */
const OFFSETS_COMMIT_TIMEOUT_MS = 5000;

export class OffsetsTopicAccess implements OffsetsTopic {
  readonly #replicas: ReplicaManager;
  readonly #admin: TopicAdmin;
  readonly #config: BrokerConfig;

  constructor(replicas: ReplicaManager, admin: TopicAdmin, config: BrokerConfig) {
    this.#replicas = replicas;
    this.#admin = admin;
    this.#config = config;
  }

  get partitionCount(): number {
    return this.#replicas.cache.cachedTopic(OFFSETS_TOPIC)?.assignment.size || this.#config.offsetsTopicNumPartitions;
  }

  partitionFor(groupId: string): number {
    return offsetsPartitionFor(groupId, this.partitionCount);
  }

  async ensureCreated(): Promise<boolean> {
    if (this.#replicas.cache.cachedTopic(OFFSETS_TOPIC)) return true;
    await this.#admin.autoCreateTopic(OFFSETS_TOPIC);
    return false;
  }

  isLocalLeader(partition: number): boolean {
    return this.#replicas.getPartition(OFFSETS_TOPIC, partition)?.role === 'leader';
  }

  async append(partition: number, records: Array<{ key: Uint8Array | null; value: Uint8Array | null }>): Promise<void> {
    const replica = this.#replicas.getPartition(OFFSETS_TOPIC, partition);
    if (!replica || replica.role !== 'leader') {
      throw new KafkaProtocolError(KAFKA_ERRORS.NOT_LEADER_OR_FOLLOWER, `broker ${this.#replicas.brokerId} does not lead ${OFFSETS_TOPIC}-${partition}`);
    }
    if (records.length === 0) return;
    const batch = await encodeRecordBatch({ baseTimestamp: BigInt(Date.now()), records });
    if (replica.role !== 'leader') {
      throw new KafkaProtocolError(KAFKA_ERRORS.NOT_LEADER_OR_FOLLOWER, `broker ${this.#replicas.brokerId} no longer leads ${OFFSETS_TOPIC}-${partition}`);
    }
    const { lastOffset } = this.#replicas.appendAsLeader(replica, [batch], -1);
    const error = await replica.waitForCommit(lastOffset, this.#replicas.minInsyncReplicas(OFFSETS_TOPIC), OFFSETS_COMMIT_TIMEOUT_MS);
    if (error) throw new KafkaProtocolError(KAFKA_ERRORS[error], `writing to ${OFFSETS_TOPIC}-${partition}`);
  }

  async readAll(partition: number): Promise<OffsetsTopicRecord[]> {
    const replica = this.#replicas.getPartition(OFFSETS_TOPIC, partition);
    if (!replica) return [];
    const out: OffsetsTopicRecord[] = [];
    for (const stored of replica.log.batches()) {
      const batch = await decodeRecordBatch(stored.bytes);
      if (batch.isControl) continue;
      for (const record of batch.records) out.push({ offset: record.offset, key: record.key, value: record.value });
    }
    return out;
  }

  onLeadershipChange(listener: (partition: number, isLeader: boolean) => void): () => void {
    return this.#replicas.on('leadership', (topic, partition, isLeader) => {
      if (topic === OFFSETS_TOPIC) listener(partition, isLeader);
    });
  }
}
