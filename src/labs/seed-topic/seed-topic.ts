import { brokerQuestion } from '../checks/broker-question.ts';
import { deleteTopicsAndWait, topicView } from '../checks/topic-admin.ts';
import { topicShapeCheck } from '../checks/topic-shape-check.ts';
import { defineLab } from '../define-lab.ts';

const TOPIC = 'test';
const PARTITIONS = 2;
const REPLICATION_FACTOR = 3;

/** Chapter 4: the stack's first topic, created and described with the real tools. */
export const seedTopic = defineLab({
  id: 'seed-topic',
  chapter: 4,
  topics: [TOPIC],
  async reset(context) {
    await deleteTopicsAndWait(context, [TOPIC]);
  },
  steps: [
    {
      id: 'create-topic',
      hints: 3,
      checks: [topicShapeCheck('topic-test', { topic: TOPIC, partitions: PARTITIONS, replicationFactor: REPLICATION_FACTOR })],
      solution: [`kafka-topics --bootstrap-server localhost:19092 --create --topic ${TOPIC} --partitions ${PARTITIONS} --replication-factor ${REPLICATION_FACTOR}`],
      async solve(context) {
        const admin = await context.kafka.admin();
        await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: REPLICATION_FACTOR }], waitForLeaders: true, timeout: 10_000 });
      },
    },
    {
      id: 'describe-topic',
      hints: 2,
      checks: [],
      questions: [
        brokerQuestion('partition-0-leader', async (context) => {
          const leader = (await topicView(context, TOPIC))?.partitions.find((p) => p.partition === 0)?.leader;
          return leader === undefined || leader < 0 ? null : leader;
        }),
      ],
      solution: [`kafka-topics --bootstrap-server localhost:19092 --describe --topic ${TOPIC}`],
      async solve() {
        // Answering is the whole step: the reference answer comes from the question itself.
      },
    },
  ],
});
