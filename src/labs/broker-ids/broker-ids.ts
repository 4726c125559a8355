import { brokerQuestion } from '../checks/broker-question.ts';
import { brokerSetQuestion } from '../checks/broker-set-question.ts';
import { list, nodesOf } from '../checks/cluster-view.ts';
import { recreateTopic } from '../checks/lab-topics.ts';
import { topicView } from '../checks/topic-admin.ts';
import { defineLab } from '../define-lab.ts';
import type { LabContext } from '../lab-context.ts';
import type { LabCheck, LabQuestion } from '../lab.ts';

const TOPIC = 'payments';
/** Preferred leaders 103, 102, 101: no partition is led by the broker whose id "matches" its number. */
const ASSIGNMENT = [
  [103, 101, 102],
  [102, 103, 101],
  [101, 102, 103],
];

/** The broker ids the cluster's metadata lists (`kafka-broker-api-versions` prints a block for each). */
async function metadataBrokerIds(context: LabContext): Promise<number[]> {
  const admin = await context.kafka.admin();
  return (await admin.describeCluster()).brokers.map((broker) => broker.nodeId).sort((a, b) => a - b);
}

function partitionLeaderQuestion(partition: number): LabQuestion {
  return brokerQuestion(`partition-${partition}-leader`, async (context) => {
    const leader = (await topicView(context, TOPIC))?.partitions.find((p) => p.partition === partition)?.leader;
    return leader === undefined || leader < 0 ? null : leader;
  });
}

/**
 * A client given the whole bootstrap list, kafka-1 first, while kafka-1 is stopped: kafkajs tries the
 * listed addresses in order, so it meets the stopped broker first and has to move on to the next one.
 */
const bootstrapPastStopped: LabCheck = {
  id: 'bootstrap-past-stopped',
  timeoutMs: 12_000,
  async run(context) {
    const { t } = context;
    const nodes = (await nodesOf(context, 'kafka')).sort((a, b) => a.name.localeCompare(b.name));
    const first = nodes[0];
    const addresses = nodes.map((node) => `${node.host}:${node.port}`);
    const named = { node: first.name, id: first.id, address: addresses[0], list: addresses.join(',') };
    const expected = t('labs.broker-ids.check.bootstrap.expected', named);
    if (first.state !== 'stopped') {
      return { passed: false, saw: t('labs.broker-ids.check.bootstrap.first-running', { ...named, state: first.state }), expected, hint: t('labs.broker-ids.check.bootstrap.hint.stop', named) };
    }
    try {
      const admin = await context.kafka.bootstrap(addresses).admin();
      const cluster = await admin.describeCluster();
      const brokers = cluster.brokers.map((broker) => broker.nodeId).sort((a, b) => a - b);
      return {
        passed: brokers.length > 0,
        saw: t('labs.broker-ids.check.bootstrap.saw', { ...named, brokers: list(brokers), controller: cluster.controller ?? t('labs.check.controller.none') }),
        expected,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { passed: false, saw: t('labs.broker-ids.check.bootstrap.no-metadata', { ...named, message }), expected, hint: t('labs.broker-ids.check.bootstrap.hint.others') };
    }
  },
};

/** Chapter 2: broker ids are labels you choose, partition ids count from 0, and bootstrap servers are only a way in. */
export const brokerIds = defineLab({
  id: 'broker-ids',
  chapter: 2,
  cluster: { brokerIds: [101, 102, 103] },
  topics: [TOPIC],
  async reset(context) {
    await recreateTopic(context, { topic: TOPIC, replicaAssignment: ASSIGNMENT.map((replicas, partition) => ({ partition, replicas })) });
  },
  steps: [
    {
      id: 'list-brokers',
      hints: 2,
      checks: [],
      questions: [brokerSetQuestion('broker-ids', metadataBrokerIds)],
      solution: ['kafka-broker-api-versions --bootstrap-server localhost:19092 | grep id:'],
      async solve() {
        // Answering is the whole step: the reference answer comes from the question itself.
      },
    },
    {
      id: 'map-leaders',
      hints: 3,
      checks: [],
      questions: [0, 1, 2].map(partitionLeaderQuestion),
      solution: [`kafka-topics --bootstrap-server localhost:19092 --describe --topic ${TOPIC}`],
      async solve() {
        // Answering is the whole step.
      },
    },
    {
      id: 'bootstrap-past-stopped',
      hints: 3,
      checks: [bootstrapPastStopped],
      solution: [
        'kafkalab stop kafka-1',
        `kafka-topics --bootstrap-server localhost:19092 --describe --topic ${TOPIC}`,
        '(it retries node -1, the stopped kafka-1, about once a second: Ctrl-C)',
        `kafka-topics --bootstrap-server localhost:19092,localhost:29092,localhost:39092 --describe --topic ${TOPIC}`,
      ],
      async solve(context) {
        const first = (await nodesOf(context, 'kafka')).sort((a, b) => a.name.localeCompare(b.name))[0];
        if (first.state !== 'stopped') await context.cluster.nodeAction(first.name, 'stop');
      },
    },
  ],
});
