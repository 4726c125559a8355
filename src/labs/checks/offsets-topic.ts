/**
 * `__consumer_offsets`, made to exist while the lab's cluster is whole. Kafka creates it with the first
 * coordinator lookup for a group, with `offsets.topic.replication.factor` (3 here) copies, and cannot while
 * fewer brokers are alive: every group then waits on COORDINATOR_NOT_AVAILABLE. The checks read topics through
 * a throw-away consumer group (lab-records.ts), so a lab that stops a broker creates the topic in its reset,
 * as a learner who ran a consumer in an earlier chapter already has.
 */
import type { LabContext } from '../lab-context.ts';
import { kafkaView } from './cluster-view.ts';
import { pollUntil } from './poll.ts';

const OFFSETS_TOPIC = '__consumer_offsets';
const SETTLE_MS = 20_000;
/** A group that never has members: looking up its coordinator is what creates the topic. */
const PROBE_GROUP = 'kafkalab-offsets-topic';

/**
 * Resolves true once `__consumer_offsets` exists and every partition of it has a leader; false when it could not
 * be created in time (a broker already down: the checks that read then say they could not).
 */
export async function ensureOffsetsTopic(context: LabContext): Promise<boolean> {
  const admin = await context.kafka.admin();
  const led = (partitions: Array<{ leader: number }>) => partitions.length > 0 && partitions.every((partition) => partition.leader >= 0);
  const partitions = await pollUntil(
    async () => {
      const existing = (await kafkaView(context)).topics.find((topic) => topic.name === OFFSETS_TOPIC);
      if (!existing) await admin.describeGroups([PROBE_GROUP]).catch(() => undefined);
      return existing?.partitions ?? [];
    },
    led,
    { timeoutMs: SETTLE_MS, intervalMs: 300, signal: context.signal },
  );
  return led(partitions);
}
