import { brokerQuestion } from '../checks/broker-question.ts';
import { brokerSetQuestion } from '../checks/broker-set-question.ts';
import { kafkaView, list, nodesOf } from '../checks/cluster-view.ts';
import { recreateTopic } from '../checks/lab-topics.ts';
import { pollUntil, waitUntil } from '../checks/poll.ts';
import { defineLab } from '../define-lab.ts';
import type { LabContext } from '../lab-context.ts';
import type { LabCheck, LabQuestion } from '../lab.ts';

const TOPIC = 'inventory';

/** Partition `partition` of the lab's topic as its znodes say (assignment, leader, ISR, leader epoch), or undefined. */
async function partitionZnodes(context: LabContext, partition: number) {
  return (await kafkaView(context)).topics.find((topic) => topic.name === TOPIC)?.partitions.find((p) => p.partition === partition);
}

/** The broker ids with a znode under /brokers/ids. */
async function registeredIds(context: LabContext): Promise<number[]> {
  return (await kafkaView(context)).brokers.map((broker) => broker.id);
}

/** A question answered with one integer (`0`, `epoch 3`), compared with the live value. */
function integerQuestion(id: string, right: (context: LabContext) => Promise<number | null>): LabQuestion {
  return {
    id,
    async answer(context) {
      return String(await right(context));
    },
    async grade(given, context) {
      const { t } = context;
      if (given === '') return { passed: false, saw: t('labs.grader.no-answer'), expected: t('labs.zookeeper-znodes.check.integer.expected') };
      const numbers = given.match(/-?\d+/g) ?? [];
      if (numbers.length !== 1) return { passed: false, saw: t('labs.zookeeper-znodes.check.integer.unknown', { answer: given }), expected: t('labs.zookeeper-znodes.check.integer.expected') };
      const value = await right(context);
      const passed = value !== null && Number(numbers[0]) === value;
      return { passed, saw: t('labs.grader.you-answered', { answer: given }), expected: passed ? t('labs.grader.you-answered', { answer: given }) : t('labs.grader.right-answer-hidden') };
    },
  };
}

/**
 * One broker stopped, and ZooKeeper shows it: its ephemeral /brokers/ids/<id> is gone (its session was
 * closed) and the controller has taken it out of the ISR of partition 0. Polls: the controller needs a moment.
 */
const brokerGone: LabCheck = {
  id: 'broker-gone',
  timeoutMs: 10_000,
  async run(context) {
    const { t } = context;
    const expected = t('labs.zookeeper-znodes.check.broker-gone.expected', { topic: TOPIC });
    const stopped = (await nodesOf(context, 'kafka')).filter((node) => node.state === 'stopped');
    if (stopped.length !== 1) {
      const saw = stopped.length === 0 ? t('labs.zookeeper-znodes.check.broker-gone.none-stopped') : t('labs.zookeeper-znodes.check.broker-gone.stopped', { count: stopped.length, nodes: list(stopped.map((node) => node.name)) });
      return { passed: false, saw, expected };
    }
    const [node] = stopped;
    const seen = await pollUntil(
      async () => ({ registered: await registeredIds(context), isr: (await partitionZnodes(context, 0))?.isr ?? [] }),
      (view) => !view.registered.includes(node.id) && !view.isr.includes(node.id),
      { timeoutMs: 6_000, signal: context.signal },
    );
    return {
      passed: !seen.registered.includes(node.id) && !seen.isr.includes(node.id),
      saw: t('labs.zookeeper-znodes.check.broker-gone.saw', { node: node.name, id: node.id, registered: list(seen.registered), topic: TOPIC, isr: list(seen.isr) }),
      expected,
    };
  },
};

/** Chapter 3: the znodes Kafka keeps in ZooKeeper, read with a ZooKeeper client, and how a stopped broker shows there. */
export const zookeeperZnodes = defineLab({
  id: 'zookeeper-znodes',
  chapter: 3,
  topics: [TOPIC],
  async reset(context) {
    await recreateTopic(context, { topic: TOPIC, numPartitions: 3, replicationFactor: 3 });
  },
  steps: [
    {
      id: 'broker-registrations',
      hints: 2,
      checks: [],
      questions: [brokerSetQuestion('registered-brokers', registeredIds)],
      solution: ['zookeeper-shell localhost:12181 ls /brokers/ids'],
      async solve() {
        // Answering is the whole step: the reference answer comes from the question itself.
      },
    },
    {
      id: 'controller-znode',
      hints: 2,
      checks: [],
      questions: [brokerQuestion('controller-broker', async (context) => (await kafkaView(context)).controllerId)],
      solution: ['zookeeper-shell localhost:12181 get /controller'],
      async solve() {},
    },
    {
      id: 'topic-assignment',
      hints: 2,
      checks: [],
      questions: [brokerQuestion('preferred-leader', async (context) => (await partitionZnodes(context, 1))?.replicas[0] ?? null)],
      solution: [`zookeeper-shell localhost:12181 get /brokers/topics/${TOPIC}`],
      async solve() {},
    },
    {
      id: 'partition-state',
      hints: 2,
      checks: [],
      questions: [
        integerQuestion('leader-epoch', async (context) => (await partitionZnodes(context, 0))?.leaderEpoch ?? null),
        brokerSetQuestion('isr', async (context) => (await partitionZnodes(context, 0))?.isr ?? null),
      ],
      solution: [`zookeeper-shell localhost:12181 get /brokers/topics/${TOPIC}/partitions/0/state`],
      async solve() {},
    },
    {
      id: 'stop-a-broker',
      hints: 3,
      checks: [brokerGone],
      questions: [
        brokerQuestion('leader-after-stop', async (context) => {
          const leader = (await partitionZnodes(context, 0))?.leader;
          return leader === undefined || leader < 0 ? null : leader;
        }),
        integerQuestion('leader-epoch-after-stop', async (context) => (await partitionZnodes(context, 0))?.leaderEpoch ?? null),
      ],
      solution: [
        `zookeeper-shell localhost:12181 get /brokers/topics/${TOPIC}/partitions/0/state`,
        'kafkalab stop kafka-<leader>',
        'zookeeper-shell localhost:12181 ls /brokers/ids',
        `zookeeper-shell localhost:12181 get /brokers/topics/${TOPIC}/partitions/0/state`,
      ],
      async solve(context) {
        const leader = (await partitionZnodes(context, 0))?.leader;
        const node = (await nodesOf(context, 'kafka')).find((candidate) => candidate.id === leader);
        if (!node) throw new Error(`reference solution: partition 0 of ${TOPIC} has no running leader (leader ${leader})`);
        await context.cluster.nodeAction(node.name, 'stop');
        await waitUntil(
          `${node.name} gone from /brokers/ids and from the ISR, partition 0 led`,
          async () => ({ registered: await registeredIds(context), partition: await partitionZnodes(context, 0) }),
          (view) => !view.registered.includes(node.id) && view.partition !== undefined && view.partition.leader >= 0 && !view.partition.isr.includes(node.id),
          { timeoutMs: 15_000, signal: context.signal },
        );
      },
    },
  ],
});
