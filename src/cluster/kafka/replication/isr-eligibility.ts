/**
 * Which caught-up followers a leader may add to the ISR. A replica the reassignment is removing
 * (`removing_replicas` in `/brokers/topics/<t>`) is not: between the controller taking it out of the ISR and
 * writing RS = TRS it still fetches, and adding it back would leave a non-replica in the ISR (Kafka stops it
 * with StopReplica at that step, so it never fetches again).
 */
import type { CachedTopic } from '../metadata/zk-metadata-cache.ts';

export function isIsrEligible(topic: Pick<CachedTopic, 'removing'> | undefined, partition: number, replicaId: number): boolean {
  return !(topic?.removing.get(partition) ?? []).includes(replicaId);
}
