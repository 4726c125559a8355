/**
 * Topics as a Kafka client sees them (Metadata through kafkajs admin), and a deletion that waits until
 * the metadata no longer lists them. Works on any runtime: nothing here reads ZooKeeper or broker internals.
 */
import type { LabContext } from '../lab-context.ts';
import { waitUntil } from './poll.ts';

export interface TopicPartitionView {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicView {
  name: string;
  partitions: TopicPartitionView[];
  /** The largest replica count of its partitions. */
  replicationFactor: number;
}

/** Every topic the cluster's metadata lists (internal ones included), by name. */
export async function topicViews(context: LabContext): Promise<Map<string, TopicView>> {
  const admin = await context.kafka.admin();
  const { topics } = await admin.fetchTopicMetadata();
  const views = new Map<string, TopicView>();
  for (const topic of topics) {
    const partitions = topic.partitions
      .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: [...p.replicas], isr: [...p.isr] }))
      .sort((a, b) => a.partition - b.partition);
    views.set(topic.name, { name: topic.name, partitions, replicationFactor: Math.max(0, ...partitions.map((p) => p.replicas.length)) });
  }
  return views;
}

/** One topic, or null when the metadata does not list it. */
export async function topicView(context: LabContext, topic: string): Promise<TopicView | null> {
  return (await topicViews(context)).get(topic) ?? null;
}

/** The user topics (no `__consumer_offsets`), sorted. */
export function userTopics(views: Map<string, TopicView>): string[] {
  return [...views.keys()].filter((name) => !name.startsWith('__')).sort();
}

/**
 * Deletes `topics` that exist and waits until the metadata no longer lists them (a reset's clean slate).
 * Each round is asked again until it succeeds: right after a topic appears (`__consumer_offsets`, created by
 * a group's first coordinator lookup) some of its partitions are still electing leaders, and kafkajs fails a
 * metadata request that sees one.
 */
export async function deleteTopicsAndWait(context: LabContext, topics: string[], budgetMs = 15_000): Promise<void> {
  const admin = await context.kafka.admin();
  await waitUntil(
    `topics ${topics.join(', ')} gone from the metadata`,
    async () => {
      const present = (await admin.listTopics()).filter((name) => topics.includes(name));
      if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: budgetMs });
      return present;
    },
    (present) => present.length === 0,
    { timeoutMs: budgetMs, intervalMs: 300, signal: context.signal },
  );
}
