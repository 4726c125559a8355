/**
 * What a lab's reset does to the topics and groups the lab is about: removes what an earlier attempt
 * left (the topic and its records, the group and its offsets) and creates them afresh, ready to use:
 * every partition led and its ISR full before the learner starts.
 */
import type { ITopicConfig } from 'kafkajs';
import type { LabContext } from '../lab-context.ts';
import { kafkaView } from './cluster-view.ts';
import { LAB_HEADER } from './lab-records.ts';
import { waitUntil } from './poll.ts';
import { deleteTopicsAndWait } from './topic-admin.ts';

const SETTLE_MS = 15_000;

/** Deletes `spec.topic` if it exists and creates it as `spec` says, then waits until every partition has a leader and a full ISR. */
export async function recreateTopic(context: LabContext, spec: ITopicConfig): Promise<void> {
  await deleteTopicsAndWait(context, [spec.topic], SETTLE_MS);
  const admin = await context.kafka.admin();
  // A deletion the controller has finished may not have reached every broker's metadata yet (false: it still exists).
  await waitUntil(`topic ${spec.topic} created`, () => admin.createTopics({ topics: [spec], waitForLeaders: true, timeout: SETTLE_MS }), (created) => created, {
    timeoutMs: SETTLE_MS,
    intervalMs: 300,
  });
  await waitUntil(
    `every partition of ${spec.topic} led, with a full ISR`,
    async () => (await kafkaView(context)).topics.find((topic) => topic.name === spec.topic)?.partitions ?? [],
    (partitions) => partitions.length > 0 && partitions.every((p) => p.leader >= 0 && p.replicas.every((replica) => p.isr.includes(replica))),
    { timeoutMs: SETTLE_MS },
  );
}

/** Deletes consumer groups left by an earlier attempt (a group that still has members, or none at all, is left as it is). */
export async function deleteGroups(context: LabContext, groupIds: string[]): Promise<void> {
  const admin = await context.kafka.admin();
  await admin.deleteGroups(groupIds).catch(() => {});
}

/** Writes `records` to `topic` with acks=all, marked as the lab's own (`kafkalab: seed`). */
export async function seedRecords(context: LabContext, topic: string, records: Array<{ key?: string; value: string; partition?: number }>): Promise<void> {
  const producer = await context.kafka.producer();
  await producer.send({ topic, acks: -1, messages: records.map((record) => ({ ...record, headers: { [LAB_HEADER]: 'seed' } })) });
}
