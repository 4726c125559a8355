/**
 * What a broker's replica of a partition holds, decoded (records at their offsets, with keys and values as
 * text, null for a tombstone): the compaction tests compare replicas with each other and with what clients read.
 */
import { decodeRecordBatch } from '../../src/cluster/kafka/protocol/index.ts';
import type { KafkaTestCluster } from './kafka-cluster.ts';

export interface ReplicaRecord {
  readonly offset: bigint;
  readonly key: string | null;
  readonly value: string | null;
  /** The key as bytes (binary keys: `__consumer_offsets`). */
  readonly keyBytes: Uint8Array | null;
}

const text = new TextDecoder();

/** The records of broker `id`'s replica of `topic`-`partition` (from its log start), or null when it has none. */
export async function replicaRecords(cluster: KafkaTestCluster, id: number, topic: string, partition = 0): Promise<ReplicaRecord[] | null> {
  const replica = cluster.broker(id).services.internals.replicas.getPartition(topic, partition);
  if (!replica) return null;
  const out: ReplicaRecord[] = [];
  for (const batch of replica.log.batches()) {
    for (const record of (await decodeRecordBatch(batch.bytes)).records) {
      if (record.offset < replica.log.logStartOffset) continue;
      out.push({ offset: record.offset, key: record.key && text.decode(record.key), value: record.value && text.decode(record.value), keyBytes: record.key });
    }
  }
  return out;
}

/** Keys that occur more than once in `records` (what compaction removes). */
export function duplicateKeys(records: readonly ReplicaRecord[], keep: (key: string) => boolean = () => true): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { key } of records) {
    if (key === null || !keep(key)) continue;
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
  }
  return [...duplicates];
}
