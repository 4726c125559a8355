import { list } from '../checks/cluster-view.ts';
import { committedOffsets } from '../checks/consumer-group-view.ts';
import { endOffsets, readTopic, type LabRecord } from '../checks/lab-records.ts';
import { deleteGroups, recreateTopic } from '../checks/lab-topics.ts';
import { waitUntil } from '../checks/poll.ts';
import { defineLab } from '../define-lab.ts';
import type { LabContext } from '../lab-context.ts';
import type { CheckOutcome, LabCheck } from '../lab.ts';

const TOPIC = 'greetings';
const GROUP = 'greeters';
const PARTITIONS = 3;
const WANTED = 10;
const READ_MS = 8_000;
/** The lines the solution types at the console producer's `>` prompt: key:value, three keys, each more than once. */
const TYPED = [
  'user-42:hello',
  'user-7:hi there',
  'user-13:good morning',
  'user-42:how are you?',
  'user-7:fine, thanks',
  'user-13:see you',
  'user-42:bye',
  'user-7:bye bye',
  'user-13:later',
  'user-42:one more',
];
/** How many keys a check names before it says "…". */
const SHOWN = 5;

/** The partitions each key's records are in (records without a key left out). */
function partitionsByKey(records: readonly LabRecord[]): Map<string, Set<number>> {
  const byKey = new Map<string, Set<number>>();
  for (const record of records) {
    if (record.key === null) continue;
    const partitions = byKey.get(record.key) ?? new Set<number>();
    partitions.add(record.partition);
    byKey.set(record.key, partitions);
  }
  return byKey;
}

function shortList(items: string[]): string {
  return items.length > SHOWN ? `${items.slice(0, SHOWN).join(', ')}, …` : list(items);
}

function unread(context: LabContext): CheckOutcome {
  return { passed: false, saw: context.t('labs.console-produce-consume.check.unread', { topic: TOPIC }), expected: context.t('labs.console-produce-consume.check.read-in-time') };
}

const tenRecords: LabCheck = {
  id: 'ten-records',
  async run(context) {
    const offsets = await endOffsets(context, TOPIC);
    const count = [...offsets.values()].reduce((sum, { low, high }) => sum + Number(high - low), 0);
    return { passed: count >= WANTED, saw: context.t('labs.console-produce-consume.check.count.saw', { count, topic: TOPIC }), expected: context.t('labs.console-produce-consume.check.count.expected', { wanted: WANTED, topic: TOPIC }) };
  },
};

const recordsKeyed: LabCheck = {
  id: 'records-keyed',
  timeoutMs: 10_000,
  async run(context) {
    const read = await readTopic(context, TOPIC, READ_MS);
    if (!read.complete) return unread(context);
    const keyed = read.records.filter((record) => record.key !== null);
    const distinct = new Set(keyed.map((record) => record.key)).size;
    return {
      passed: keyed.length >= WANTED && distinct >= 2,
      saw: context.t('labs.console-produce-consume.check.keyed.saw', { keyed: keyed.length, distinct, unkeyed: read.records.length - keyed.length }),
      expected: context.t('labs.console-produce-consume.check.keyed.expected', { wanted: WANTED }),
      ...(keyed.length < read.records.length ? { hint: context.t('labs.console-produce-consume.check.keyed.hint') } : {}),
    };
  },
};

const sameKeySamePartition: LabCheck = {
  id: 'same-key-same-partition',
  timeoutMs: 10_000,
  async run(context) {
    const read = await readTopic(context, TOPIC, READ_MS);
    if (!read.complete) return unread(context);
    const byKey = partitionsByKey(read.records);
    const expected = context.t('labs.console-produce-consume.check.same-key.expected');
    if (byKey.size < 2) return { passed: false, saw: context.t('labs.console-produce-consume.check.same-key.too-few', { distinct: byKey.size }), expected };
    const split = [...byKey].filter(([, partitions]) => partitions.size > 1);
    if (split.length > 0) {
      const keys = split.map(([key, partitions]) => context.t('labs.console-produce-consume.check.same-key.split-key', { key, partitions: list([...partitions].sort()) }));
      return { passed: false, saw: shortList(keys), expected, hint: context.t('labs.console-produce-consume.check.same-key.hint') };
    }
    const mapping = [...byKey].map(([key, partitions]) => `${key} → ${[...partitions][0]}`);
    return { passed: true, saw: context.t('labs.console-produce-consume.check.same-key.saw', { distinct: byKey.size, mapping: shortList(mapping) }), expected };
  },
};

/** `user-42:1` → the key and the partition; the key itself may contain colons. */
function parseKeyPartition(answer: string): { key: string; partition: number } | undefined {
  const match = /^(.+?)\s*[:=→>\s-]+\s*(?:partition\s*)?(\d+)$/i.exec(answer.trim());
  return match ? { key: match[1], partition: Number(match[2]) } : undefined;
}

/** Chapter 6: produce keyed records with the console tools, read them back in a group, and see keys pick partitions. */
export const consoleProduceConsume = defineLab({
  id: 'console-produce-consume',
  chapter: 6,
  topics: [TOPIC],
  async reset(context) {
    await deleteGroups(context, [GROUP]);
    await recreateTopic(context, { topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 3 });
  },
  steps: [
    {
      id: 'produce-keyed',
      hints: 3,
      checks: [tenRecords, recordsKeyed, sameKeySamePartition],
      questions: [
        {
          id: 'key-partition',
          timeoutMs: 10_000,
          async answer(context) {
            const read = await readTopic(context, TOPIC, READ_MS);
            const [key, partitions] = [...partitionsByKey(read.records)][0] ?? [];
            return key === undefined ? '' : `${key}:${[...partitions][0]}`;
          },
          async grade(given, context) {
            if (given === '') return { passed: false, saw: context.t('labs.grader.no-answer'), expected: context.t('labs.console-produce-consume.key-partition.expected') };
            const parsed = parseKeyPartition(given);
            if (!parsed) return { passed: false, saw: context.t('labs.console-produce-consume.key-partition.unreadable', { answer: given }), expected: context.t('labs.console-produce-consume.key-partition.expected') };
            const read = await readTopic(context, TOPIC, READ_MS);
            if (!read.complete) return unread(context);
            const partitions = partitionsByKey(read.records).get(parsed.key);
            if (!partitions) return { passed: false, saw: context.t('labs.console-produce-consume.key-partition.no-key', { key: parsed.key, topic: TOPIC }), expected: context.t('labs.console-produce-consume.key-partition.expected') };
            const passed = partitions.size === 1 && partitions.has(parsed.partition);
            return {
              passed,
              saw: context.t('labs.grader.you-answered', { answer: given }),
              expected: passed ? context.t('labs.grader.you-answered', { answer: given }) : context.t('labs.grader.right-answer-hidden'),
            };
          },
        },
      ],
      solution: [
        `kafka-console-producer --bootstrap-server localhost:19092 --topic ${TOPIC} --property parse.key=true --property key.separator=:`,
        ...TYPED.map((line) => `>${line}`),
        '(Ctrl-D at the next > ends the input)',
        `kafka-console-consumer --bootstrap-server localhost:19092 --topic ${TOPIC} --from-beginning --timeout-ms 5000 --property print.partition=true --property print.key=true`,
      ],
      async solve(context) {
        const producer = await context.kafka.producer();
        const keys = ['user-42', 'user-13', 'user-7', 'user-99'];
        await producer.send({ topic: TOPIC, acks: -1, messages: Array.from({ length: 12 }, (_, i) => ({ key: keys[i % keys.length], value: `hello ${i + 1} from ${keys[i % keys.length]}` })) });
      },
    },
    {
      id: 'consume-in-group',
      hints: 3,
      checks: [
        {
          id: 'group-committed',
          async run(context) {
            const ends = await endOffsets(context, TOPIC);
            const committed = await committedOffsets(context, GROUP, TOPIC);
            const withData = [...ends].filter(([, { low, high }]) => high > low).sort(([a], [b]) => a - b);
            const lines = withData.map(([partition, { high }]) =>
              context.t('labs.console-produce-consume.check.committed.partition', { topic: TOPIC, partition, committed: committed.get(partition)?.toString() ?? context.t('labs.console-produce-consume.check.committed.none'), end: high.toString() }),
            );
            const passed = withData.length > 0 && withData.every(([partition, { high }]) => committed.get(partition) === high);
            return {
              passed,
              saw: withData.length === 0 ? context.t('labs.console-produce-consume.check.committed.no-records', { topic: TOPIC }) : context.t('labs.console-produce-consume.check.committed.saw', { group: GROUP, partitions: lines.join('; ') }),
              expected: context.t('labs.console-produce-consume.check.committed.expected', { group: GROUP, topic: TOPIC }),
              ...(passed ? {} : { hint: context.t(committed.size === 0 ? 'labs.console-produce-consume.check.committed.hint-none' : 'labs.console-produce-consume.check.committed.hint-lag', { group: GROUP }) }),
            };
          },
        },
      ],
      solution: [
        `kafka-console-consumer --bootstrap-server localhost:19092 --topic ${TOPIC} --group ${GROUP} --from-beginning --timeout-ms 5000 --property print.key=true`,
        `kafka-consumer-groups --bootstrap-server localhost:19092 --describe --group ${GROUP}`,
      ],
      async solve(context) {
        const consumer = await context.kafka.consumer({ groupId: GROUP, maxWaitTimeInMs: 100, sessionTimeout: 6_000, heartbeatInterval: 500 });
        await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
        await consumer.run({ eachMessage: async () => {} });
        await waitUntil(
          `${GROUP} committed at the end of every partition of ${TOPIC}`,
          async () => ({ ends: await endOffsets(context, TOPIC), committed: await committedOffsets(context, GROUP, TOPIC) }),
          ({ ends, committed }) => [...ends].every(([partition, { low, high }]) => high === low || committed.get(partition) === high),
          { timeoutMs: 15_000 },
        );
        await consumer.disconnect();
      },
    },
  ],
});
