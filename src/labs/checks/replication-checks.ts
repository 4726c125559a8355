/** Checks and views on a topic's replication (leaders, ISR), shared by the replication labs. */
import type { KafkaClusterView } from '../../cluster/kafka/kafka-cluster-view.ts';
import type { LabContext } from '../lab-context.ts';
import type { LabCheck } from '../lab.ts';
import { kafkaView, list } from './cluster-view.ts';
import { pollUntil } from './poll.ts';

export type PartitionView = KafkaClusterView['topics'][number]['partitions'][number];

/** The partitions of `topic` as ZooKeeper has them now (undefined: no such topic). */
export async function topicPartitions(context: LabContext, topic: string): Promise<PartitionView[] | undefined> {
  return (await kafkaView(context)).topics.find((candidate) => candidate.name === topic)?.partitions;
}

/** `test-0: leader 3, ISR 3,1 (replicas 2,3,1); test-1: …` */
export function describePartitions(context: LabContext, topic: string, partitions: readonly PartitionView[]): string {
  return partitions
    .map((p) =>
      context.t('labs.check.replication.partition.state', {
        topic,
        partition: p.partition,
        leader: p.leader >= 0 ? p.leader : context.t('labs.check.replication.partition.no-leader'),
        isr: list(p.isr),
        replicas: list(p.replicas),
      }),
    )
    .join('; ');
}

/** The saw/expected of a check about a topic that does not exist. */
export function topicMissing(context: LabContext, topic: string) {
  return { passed: false, saw: context.t('labs.check.replication.topic.missing', { topic }), expected: context.t('labs.check.replication.topic.wanted', { topic }), hint: context.t('labs.check.replication.topic.reset') };
}

/**
 * Every replica of every partition of `topic` in its ISR. A follower that comes back needs a moment to
 * catch up, so the check polls (within its longer deadline) while every replica's broker is registered;
 * with one missing it answers at once.
 */
export function isrFullCheck(topic: string, id = 'isr-full', timeoutMs = 15_000): LabCheck {
  return {
    id,
    timeoutMs,
    async run(context) {
      const read = async () => {
        const view = await kafkaView(context);
        return { view, partitions: view.topics.find((candidate) => candidate.name === topic)?.partitions };
      };
      const full = (partitions: readonly PartitionView[] | undefined) => !!partitions?.length && partitions.every((p) => p.replicas.every((replica) => p.isr.includes(replica)));
      const unregistered = (seen: Awaited<ReturnType<typeof read>>) => {
        const registered = new Set(seen.view.brokers.map((broker) => broker.id));
        return [...new Set((seen.partitions ?? []).flatMap((p) => p.replicas))].filter((replica) => !registered.has(replica)).sort((a, b) => a - b);
      };
      const seen = await pollUntil(read, (value) => full(value.partitions) || !value.partitions || unregistered(value).length > 0, {
        signal: context.signal,
        timeoutMs: timeoutMs - 1_000,
      });
      if (!seen.partitions) return topicMissing(context, topic);
      const missing = unregistered(seen);
      return {
        passed: full(seen.partitions),
        saw: describePartitions(context, topic, seen.partitions),
        expected: context.t('labs.check.replication.isr-full.expected', { topic }),
        ...(missing.length > 0 ? { hint: context.t('labs.check.replication.isr-full.broker-down', { ids: list(missing) }) } : {}),
      };
    },
  };
}

/** `kafka-2 is stopped`, in the learner's language. */
export function nodeState(context: LabContext, node: { name: string; state: string }): string {
  return context.t(`labs.check.replication.node.${node.state}`, { node: node.name });
}
