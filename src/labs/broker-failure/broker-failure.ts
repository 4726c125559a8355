import { brokerQuestion } from '../checks/broker-question.ts';
import { kafkaView, list, nodesOf } from '../checks/cluster-view.ts';
import { isLearnerRecord, LAB_HEADER, readTopic } from '../checks/lab-records.ts';
import { recreateTopic, seedRecords } from '../checks/lab-topics.ts';
import { ensureOffsetsTopic } from '../checks/offsets-topic.ts';
import { waitUntil } from '../checks/poll.ts';
import { probeWrite, type ProbeOutcome } from '../checks/probe-write.ts';
import { describePartitions, isrFullCheck, nodeState, topicMissing, topicPartitions } from '../checks/replication-checks.ts';
import { defineLab } from '../define-lab.ts';
import type { LabContext, LabNodeStatus } from '../lab-context.ts';

const TOPIC = 'test';
/** The broker the lab stops: the second one, `kafka-2` (broker 2 in the course's numbering). */
const NODE = 'kafka-2';
const SEEDED = 20;
const SETTLE_MS = 15_000;

async function brokerNode(context: LabContext): Promise<LabNodeStatus> {
  const node = (await nodesOf(context, 'kafka')).find((candidate) => candidate.name === NODE);
  if (!node) throw new Error(`the cluster has no ${NODE}`);
  return node;
}

async function partitionLeader(context: LabContext, partition: number): Promise<number | null> {
  const leader = (await topicPartitions(context, TOPIC))?.find((p) => p.partition === partition)?.leader;
  return leader === undefined || leader < 0 ? null : leader;
}

function probeError(probe: ProbeOutcome): string {
  return probe.accepted ? '' : (probe.errorType ?? probe.message);
}

/** Chapter 5: stop a broker under a replicated topic, keep writing and reading, and watch the ISR heal. */
export const brokerFailure = defineLab({
  id: 'broker-failure',
  chapter: 5,
  topics: [TOPIC],
  async reset(context) {
    // The chapter's walkthrough: test-0 on 2,3,1 and test-1 on 3,1,2, so kafka-2 leads test-0.
    const [first, second, third] = (await nodesOf(context, 'kafka')).map((node) => node.id);
    await recreateTopic(context, {
      topic: TOPIC,
      replicaAssignment: [
        { partition: 0, replicas: [second, third, first] },
        { partition: 1, replicas: [third, first, second] },
      ],
    });
    await seedRecords(
      context,
      TOPIC,
      Array.from({ length: SEEDED }, (_, i) => ({ partition: i % 2, value: `reading ${i + 1} of ${SEEDED}, written before the failure` })),
    );
    // The checks read test through a consumer group while kafka-2 is stopped: the group's coordinator needs
    // __consumer_offsets, which cannot be created (RF 3) with a broker down.
    await ensureOffsetsTopic(context);
  },
  steps: [
    {
      id: 'stop-broker',
      hints: 3,
      checks: [
        {
          id: 'broker-stopped',
          async run(context) {
            const node = await brokerNode(context);
            return {
              passed: node.state === 'stopped',
              saw: nodeState(context, node),
              expected: context.t('labs.broker-failure.check.stopped.expected', { node: NODE }),
              ...(node.state === 'isolated' ? { hint: context.t('labs.broker-failure.check.stopped.isolated', { node: NODE }) } : {}),
            };
          },
        },
        {
          id: 'broker-unregistered',
          async run(context) {
            const node = await brokerNode(context);
            const registered = (await kafkaView(context)).brokers.map((broker) => broker.id);
            const gone = !registered.includes(node.id);
            return {
              passed: gone,
              saw: context.t('labs.check.brokers.saw', { ids: list(registered) }),
              expected: context.t('labs.broker-failure.check.unregistered.expected', { id: node.id }),
              ...(!gone && node.state === 'stopped' ? { hint: context.t('labs.broker-failure.check.unregistered.session', { id: node.id }) } : {}),
            };
          },
        },
        {
          id: 'leaders-moved',
          async run(context) {
            const node = await brokerNode(context);
            const view = await kafkaView(context);
            const partitions = view.topics.find((topic) => topic.name === TOPIC)?.partitions;
            if (!partitions) return topicMissing(context, TOPIC);
            const live = new Set(view.brokers.map((broker) => broker.id));
            return {
              passed: partitions.every((p) => p.leader !== node.id && live.has(p.leader)),
              saw: describePartitions(context, TOPIC, partitions),
              expected: context.t('labs.broker-failure.check.leaders.expected', { topic: TOPIC, id: node.id }),
            };
          },
        },
        {
          id: 'isr-shrank',
          async run(context) {
            const node = await brokerNode(context);
            const partitions = await topicPartitions(context, TOPIC);
            if (!partitions) return topicMissing(context, TOPIC);
            return {
              passed: partitions.every((p) => !p.isr.includes(node.id)),
              saw: describePartitions(context, TOPIC, partitions),
              expected: context.t('labs.broker-failure.check.isr-shrank.expected', { topic: TOPIC, id: node.id }),
            };
          },
        },
      ],
      questions: [brokerQuestion('leader-after-stop', (context) => partitionLeader(context, 0))],
      solution: [
        `kafkalab stop ${NODE}`,
        `kafka-topics --bootstrap-server localhost:19092,localhost:39092 --describe --topic ${TOPIC}`,
      ],
      async solve(context) {
        const node = await brokerNode(context);
        if (node.state !== 'stopped') await context.cluster.nodeAction(NODE, 'stop');
        await waitUntil(
          `broker ${node.id} out of /brokers/ids and out of every leader and ISR of ${TOPIC}`,
          () => kafkaView(context),
          (view) =>
            !view.brokers.some((broker) => broker.id === node.id) &&
            !!view.topics.find((topic) => topic.name === TOPIC)?.partitions.every((p) => p.leader >= 0 && p.leader !== node.id && !p.isr.includes(node.id)),
          { timeoutMs: SETTLE_MS },
        );
      },
    },
    {
      id: 'write-and-read',
      hints: 3,
      checks: [
        {
          id: 'acks-all-write',
          timeoutMs: 10_000,
          async run(context) {
            const node = await brokerNode(context);
            const partitions = await topicPartitions(context, TOPIC);
            if (!partitions) return topicMissing(context, TOPIC);
            const probes: ProbeOutcome[] = [];
            for (const p of partitions) probes.push(await probeWrite(context, TOPIC, p.partition, -1));
            const refused = probes.filter((probe) => !probe.accepted);
            const read = await readTopic(context, TOPIC, 6_000);
            const wrote = read.records.some(isLearnerRecord);
            const probeText =
              refused.length === 0
                ? context.t('labs.broker-failure.check.acks-all.accepted', { topic: TOPIC })
                : refused.map((probe) => context.t('labs.broker-failure.check.acks-all.refused', { topic: TOPIC, partition: probe.partition, error: probeError(probe) })).join('; ');
            const yours = read.complete ? String(read.records.filter(isLearnerRecord).length) : context.t('labs.broker-failure.check.acks-all.unread');
            let hint: string | undefined;
            if (node.state !== 'stopped') hint = context.t('labs.broker-failure.check.acks-all.restarted', { node: NODE });
            else if (read.complete && !wrote) hint = context.t('labs.broker-failure.check.acks-all.write-one');
            return {
              passed: refused.length === 0 && wrote && node.state === 'stopped',
              saw: context.t('labs.broker-failure.check.acks-all.saw', { probes: probeText, yours, node: nodeState(context, node) }),
              expected: context.t('labs.broker-failure.check.acks-all.expected', { node: NODE }),
              ...(hint ? { hint } : {}),
            };
          },
        },
        {
          id: 'records-readable',
          timeoutMs: 10_000,
          async run(context) {
            const read = await readTopic(context, TOPIC, 8_000);
            const seeded = read.records.filter((record) => record.headers[LAB_HEADER] === 'seed').length;
            const yours = read.records.filter(isLearnerRecord).length;
            return {
              passed: read.complete && seeded === SEEDED && yours > 0,
              saw: context.t(read.complete ? 'labs.broker-failure.check.readable.saw' : 'labs.broker-failure.check.readable.partial', { seeded, total: SEEDED, yours }),
              expected: context.t('labs.broker-failure.check.readable.expected', { total: SEEDED }),
            };
          },
        },
      ],
      solution: [
        `echo "written while ${NODE} was down" | kafka-console-producer --bootstrap-server localhost:19092,localhost:39092 --topic ${TOPIC} --producer-property acks=all`,
        `kafka-console-consumer --bootstrap-server localhost:19092,localhost:39092 --topic ${TOPIC} --from-beginning --timeout-ms 5000 --property print.partition=true --property print.offset=true`,
      ],
      async solve(context) {
        const producer = await context.kafka.producer();
        await producer.send({ topic: TOPIC, acks: -1, messages: [{ value: `written while ${NODE} was down` }] });
      },
    },
    {
      id: 'start-broker',
      hints: 2,
      checks: [
        {
          id: 'broker-back',
          async run(context) {
            const node = await brokerNode(context);
            const registered = (await kafkaView(context)).brokers.map((broker) => broker.id);
            return {
              passed: node.state === 'running' && registered.includes(node.id),
              saw: context.t('labs.broker-failure.check.back.saw', { node: nodeState(context, node), ids: list(registered) }),
              expected: context.t('labs.broker-failure.check.back.expected', { node: NODE, id: node.id }),
            };
          },
        },
        isrFullCheck(TOPIC),
      ],
      questions: [brokerQuestion('leader-after-return', (context) => partitionLeader(context, 0))],
      solution: [
        `kafkalab start ${NODE}`,
        `kafka-topics --bootstrap-server localhost:19092 --describe --topic ${TOPIC}`,
      ],
      async solve(context) {
        const node = await brokerNode(context);
        if (node.state === 'stopped') await context.cluster.nodeAction(NODE, 'start');
        await waitUntil(
          `every replica of ${TOPIC} back in its ISR`,
          async () => (await topicPartitions(context, TOPIC)) ?? [],
          (partitions) => partitions.length > 0 && partitions.every((p) => p.replicas.every((replica) => p.isr.includes(replica))),
          { timeoutMs: SETTLE_MS },
        );
      },
    },
  ],
});
