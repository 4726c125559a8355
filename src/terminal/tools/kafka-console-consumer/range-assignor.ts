/**
 * Java's `RangeAssignor` (protocol name `range`), the first of the Java consumer's default
 * `partition.assignment.strategy`, as a kafkajs assigner: so a console consumer's group is a `range`
 * group in `kafka-consumer-groups --describe --state`, and two console consumers split a topic as
 * the Java ones do. Per topic, the subscribed members sorted by member id each get a contiguous range
 * of the sorted partitions; the first `partitions % members` get one more.
 */
import kafkajs from 'kafkajs';
import type { PartitionAssigner } from 'kafkajs';

const { AssignerProtocol } = kafkajs;

export const rangeAssignor: PartitionAssigner = ({ cluster }) => ({
  name: 'range',
  version: 0,
  async assign({ members, topics }) {
    const assignment = new Map<string, Record<string, number[]>>(members.map(({ memberId }) => [memberId, {}]));
    const subscriptions = members.map(({ memberId, memberMetadata }) => ({
      memberId,
      topics: AssignerProtocol.MemberMetadata.decode(memberMetadata)?.topics ?? topics,
    }));
    for (const topic of topics) {
      const consumers = subscriptions
        .filter((member) => member.topics.includes(topic))
        .map((member) => member.memberId)
        .sort();
      if (consumers.length === 0) continue;
      const partitions = cluster
        .findTopicPartitionMetadata(topic)
        .map((metadata) => metadata.partitionId)
        .sort((a, b) => a - b);
      const perConsumer = Math.floor(partitions.length / consumers.length);
      const extra = partitions.length % consumers.length;
      consumers.forEach((memberId, index) => {
        const start = perConsumer * index + Math.min(index, extra);
        const length = perConsumer + (index < extra ? 1 : 0);
        if (length > 0) (assignment.get(memberId) as Record<string, number[]>)[topic] = partitions.slice(start, start + length);
      });
    }
    return [...assignment].map(([memberId, topicPartitions]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: topicPartitions, userData: Buffer.alloc(0) }),
    }));
  },
  protocol({ topics }) {
    return { name: 'range', metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }) };
  },
});
