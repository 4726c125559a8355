import { KAFKA_ERRORS, type KafkaErrorName } from '../../cluster/kafka/protocol/errors.ts';
import { brokersRegisteredCheck } from '../checks/cluster-checks.ts';
import { kafkaView, list, nodesOf } from '../checks/cluster-view.ts';
import { recreateTopic, seedRecords } from '../checks/lab-topics.ts';
import { waitUntil } from '../checks/poll.ts';
import { ZkPaths } from '../../cluster/kafka/zk/znode-paths.ts';
import { decodeEntityConfig } from '../../cluster/kafka/zk/znode-json.ts';
import { probeWrite, type ProbeOutcome } from '../checks/probe-write.ts';
import { describePartitions, isrFullCheck, topicMissing, topicPartitions } from '../checks/replication-checks.ts';
import { defineLab } from '../define-lab.ts';
import type { LabContext } from '../lab-context.ts';
import type { CheckOutcome } from '../lab.ts';

const TOPIC = 'payments';
const PARTITION = 0;
const MIN_INSYNC = 2;
const SETTLE_MS = 15_000;
/** Every broker, so the tools find the one left running. */
const BOOTSTRAP = 'localhost:19092,localhost:29092,localhost:39092';

/**
 * The topic's min.insync.replicas as Kafka stores it (`/config/topics/<t>`), else the course default.
 * Read from ZooKeeper rather than DescribeConfigs: kafkajs refreshes the metadata of every topic first,
 * and one unrelated partition without a leader (two brokers are down in this lab) would fail the check.
 */
async function topicMinInsync(context: LabContext): Promise<number> {
  const zookeeper = await context.zookeeper();
  const path = ZkPaths.topicConfig(TOPIC);
  const stat = await zookeeper.exists(path);
  const value = stat ? Number(decodeEntityConfig(path, (await zookeeper.getData(path)).data)['min.insync.replicas']) : NaN;
  return Number.isInteger(value) ? value : MIN_INSYNC;
}

function probeText(context: LabContext, acks: 'all' | '1', probe: ProbeOutcome): string {
  return probe.accepted
    ? context.t('labs.min-insync-replicas.check.probe.accepted', { acks, topic: TOPIC, partition: probe.partition, offset: probe.offset })
    : context.t('labs.min-insync-replicas.check.probe.refused', { acks, topic: TOPIC, partition: probe.partition, error: probe.errorType ?? probe.message });
}

/** `Broker: Not enough in-sync replicas`, `NotEnoughReplicasException`, `not_enough_replicas` → `notenoughreplicas`. */
function errorKey(answer: string): string {
  return answer
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/^(?:broker|error|kafkajsprotocolerror)/, '')
    .replace(/(?:exception|error)$/, '')
    .replace('insync', '');
}

const NO_ERROR = new Set(['none', 'noerror', 'accepted', 'ok', 'success', 'succeeded', 'nothing', '0']);

/** Whether `given` names the error `right` (a Kafka error name, or `none` when the write is accepted). */
function namesError(given: string, right: string): boolean {
  const key = errorKey(given);
  if (right === 'none') return NO_ERROR.has(key);
  const entry = KAFKA_ERRORS[right as KafkaErrorName];
  return key === errorKey(right) || (entry !== undefined && key === String(entry.code));
}

/** The error an acks=all write to payments gets now (`none` when it is accepted). */
async function acksAllError(context: LabContext): Promise<string> {
  const probe = await probeWrite(context, TOPIC, PARTITION, -1);
  return probe.accepted ? 'none' : (probe.errorType ?? probe.message);
}

async function runningBrokers(context: LabContext) {
  return (await nodesOf(context, 'kafka')).filter((node) => node.state === 'running');
}

/** Chapter 5: min.insync.replicas sets a floor under acks=all; below it the leader refuses, acks=1 carries on. */
export const minInsyncReplicas = defineLab({
  id: 'min-insync-replicas',
  chapter: 5,
  topics: [TOPIC],
  async reset(context) {
    await recreateTopic(context, {
      topic: TOPIC,
      numPartitions: 1,
      replicationFactor: 3,
      configEntries: [{ name: 'min.insync.replicas', value: String(MIN_INSYNC) }],
    });
    await seedRecords(context, TOPIC, [1, 2, 3].map((n) => ({ key: `payment-${n}`, value: `payment ${n}, written with all three brokers up` })));
  },
  steps: [
    {
      id: 'stop-two-brokers',
      hints: 3,
      checks: [
        {
          id: 'one-broker-left',
          async run(context) {
            const running = await runningBrokers(context);
            const registered = (await kafkaView(context)).brokers.map((broker) => broker.id);
            const passed = running.length === 1 && registered.length === 1 && registered[0] === running[0].id;
            return {
              passed,
              saw: context.t('labs.min-insync-replicas.check.one-left.saw', { running: list(running.map((node) => node.name)), ids: list(registered) }),
              expected: context.t('labs.min-insync-replicas.check.one-left.expected'),
              ...(running.length === 1 && registered.length > 1 ? { hint: context.t('labs.min-insync-replicas.check.one-left.session') } : {}),
            };
          },
        },
        {
          id: 'isr-below-min',
          async run(context) {
            const partitions = await topicPartitions(context, TOPIC);
            if (!partitions) return topicMissing(context, TOPIC);
            const min = await topicMinInsync(context);
            return {
              passed: partitions.every((p) => p.isr.length < min),
              saw: context.t('labs.min-insync-replicas.check.isr-below.saw', { partitions: describePartitions(context, TOPIC, partitions), min }),
              expected: context.t('labs.min-insync-replicas.check.isr-below.expected', { min }),
            };
          },
        },
        {
          id: 'acks-all-refused',
          timeoutMs: 8_000,
          async run(context) {
            const probe = await probeWrite(context, TOPIC, PARTITION, -1);
            return {
              passed: !probe.accepted && probe.errorType === 'NOT_ENOUGH_REPLICAS',
              saw: probeText(context, 'all', probe),
              expected: context.t('labs.min-insync-replicas.check.acks-all-refused.expected'),
            };
          },
        },
        {
          id: 'acks-1-accepted',
          timeoutMs: 8_000,
          async run(context): Promise<CheckOutcome> {
            const probe = await probeWrite(context, TOPIC, PARTITION, 1);
            const partition = (await topicPartitions(context, TOPIC))?.find((p) => p.partition === PARTITION);
            const min = await topicMinInsync(context);
            const degraded = partition !== undefined && partition.isr.length < min;
            return {
              passed: probe.accepted && degraded,
              saw: context.t('labs.min-insync-replicas.check.acks-1.saw', { probe: probeText(context, '1', probe), isr: list(partition?.isr ?? []), min }),
              expected: context.t('labs.min-insync-replicas.check.acks-1.expected', { min }),
            };
          },
        },
      ],
      solution: ['kafkalab stop kafka-2', 'kafkalab stop kafka-3', `kafka-topics --bootstrap-server ${BOOTSTRAP} --describe --topic ${TOPIC}`],
      async solve(context) {
        const running = await runningBrokers(context);
        for (const node of running.slice(1)) await context.cluster.nodeAction(node.name, 'stop');
        const survivor = running[0].id;
        await waitUntil(
          `only broker ${survivor} registered, alone in the ISR of ${TOPIC}`,
          () => kafkaView(context),
          (view) =>
            view.brokers.length === 1 &&
            !!view.topics.find((topic) => topic.name === TOPIC)?.partitions.every((p) => p.leader === survivor && p.isr.length === 1),
          { timeoutMs: SETTLE_MS },
        );
      },
    },
    {
      id: 'name-the-error',
      hints: 2,
      checks: [],
      questions: [
        {
          id: 'acks-all-error',
          timeoutMs: 8_000,
          answer: acksAllError,
          async grade(given, context) {
            if (given === '') return { passed: false, saw: context.t('labs.grader.no-answer'), expected: context.t('labs.min-insync-replicas.acks-all-error.expected') };
            const right = await acksAllError(context);
            const passed = namesError(given, right);
            return {
              passed,
              saw: context.t('labs.grader.you-answered', { answer: given }),
              expected: passed ? context.t('labs.grader.you-answered', { answer: given }) : context.t('labs.grader.right-answer-hidden'),
            };
          },
        },
        {
          id: 'copies',
          async answer(context) {
            const partition = (await topicPartitions(context, TOPIC))?.find((p) => p.partition === PARTITION);
            return String(partition?.isr.length ?? 0);
          },
        },
      ],
      solution: [
        `echo "refund 1" | kafka-console-producer --bootstrap-server ${BOOTSTRAP} --topic ${TOPIC} --producer-property acks=all`,
        `echo "refund 1" | kafka-console-producer --bootstrap-server ${BOOTSTRAP} --topic ${TOPIC} --producer-property acks=1`,
        `kafka-topics --bootstrap-server ${BOOTSTRAP} --describe --topic ${TOPIC}`,
      ],
      async solve() {
        // Answering is the whole step: the reference answers come from the questions themselves.
      },
    },
    {
      id: 'restore',
      hints: 2,
      checks: [
        brokersRegisteredCheck('all-brokers-back'),
        isrFullCheck(TOPIC),
        {
          id: 'acks-all-accepted',
          timeoutMs: 8_000,
          async run(context) {
            const probe = await probeWrite(context, TOPIC, PARTITION, -1);
            return { passed: probe.accepted, saw: probeText(context, 'all', probe), expected: context.t('labs.min-insync-replicas.check.acks-all-accepted.expected') };
          },
        },
      ],
      solution: ['kafkalab start kafka-2', 'kafkalab start kafka-3', `kafka-topics --bootstrap-server ${BOOTSTRAP} --describe --topic ${TOPIC}`],
      async solve(context) {
        for (const node of await nodesOf(context, 'kafka')) if (node.state === 'stopped') await context.cluster.nodeAction(node.name, 'start');
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
