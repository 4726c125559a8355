import type { Consumer } from 'kafkajs';
import { list } from '../checks/cluster-view.ts';
import { committedOffsets, describeGroup, type GroupMemberView, type GroupView } from '../checks/consumer-group-view.ts';
import { endOffsets } from '../checks/lab-records.ts';
import { deleteGroups, recreateTopic, seedRecords } from '../checks/lab-topics.ts';
import { waitUntil } from '../checks/poll.ts';
import { defineLab } from '../define-lab.ts';
import type { LabContext } from '../lab-context.ts';
import type { CheckOutcome } from '../lab.ts';

const TOPIC = 'orders';
const GROUP = 'order-workers';
const PARTITIONS = 4;
const SEEDED_PER_PARTITION = 5;
const SETTLE_MS = 20_000;
/** Notes this lab keeps between steps (see `LabContext.notes`). */
const NOTE = { members: 'consumer-groups.members', ends: 'consumer-groups.ends' } as const;
/** The reference solution's consumers, kept for the next steps (see `LabContext.kept`). */
const KEPT = ['consumer-groups.consumer-a', 'consumer-groups.consumer-b'] as const;
const ALL_PARTITIONS = Array.from({ length: PARTITIONS }, (_, partition) => partition);

function partitionsOf(member: GroupMemberView): number[] {
  return [...(member.assignment.get(TOPIC) ?? [])];
}

/** `console-consumer …9f3a reads orders 0, 2; kafkalab-grader …77c1 reads orders 1, 3` */
function describeMembers(context: LabContext, group: GroupView): string {
  if (group.members.length === 0) return context.t('labs.consumer-groups.check.group.empty', { group: GROUP, state: group.state });
  const members = group.members.map((member) =>
    context.t('labs.consumer-groups.check.group.member', { member: memberLabel(member), topic: TOPIC, partitions: list(partitionsOf(member), context.t('labs.consumer-groups.check.group.nothing')) }),
  );
  return context.t(group.members.length === 1 ? 'labs.consumer-groups.check.group.saw.one' : 'labs.consumer-groups.check.group.saw.other', { group: GROUP, state: group.state, count: group.members.length, members: members.join('; ') });
}

function memberLabel(member: GroupMemberView): string {
  return `${member.clientId} …${member.memberId.slice(-4)}`;
}

/** Every partition of orders assigned to some member, and every member reading at least one. */
function splitsAll(group: GroupView): boolean {
  const assigned = group.members.flatMap(partitionsOf);
  return group.members.every((member) => partitionsOf(member).length > 0) && ALL_PARTITIONS.every((partition) => assigned.includes(partition));
}

/** `orders-0 5 of 5; orders-1 nothing of 5; …` and whether the group has committed the end of every partition. */
async function commitState(context: LabContext): Promise<{ atEnd: boolean; ends: Map<number, bigint>; text: string }> {
  const offsets = await endOffsets(context, TOPIC);
  const committed = await committedOffsets(context, GROUP, TOPIC);
  const ends = new Map([...offsets].map(([partition, { high }]) => [partition, high]));
  const sorted = [...ends].sort(([a], [b]) => a - b);
  const text = sorted
    .map(([partition, end]) =>
      context.t('labs.consumer-groups.check.committed.partition', { topic: TOPIC, partition, committed: committed.get(partition)?.toString() ?? context.t('labs.consumer-groups.check.group.nothing'), end: end.toString() }),
    )
    .join('; ');
  return { atEnd: sorted.length > 0 && sorted.every(([partition, end]) => committed.get(partition) === end), ends, text };
}

function notedEnds(context: LabContext): Map<number, bigint> | undefined {
  const noted = context.notes.get(NOTE.ends);
  return noted ? new Map((JSON.parse(noted) as Array<[number, string]>).map(([partition, end]) => [partition, BigInt(end)])) : undefined;
}

function noteEnds(context: LabContext, ends: Map<number, bigint>): void {
  context.notes.set(NOTE.ends, JSON.stringify([...ends].map(([partition, end]) => [partition, end.toString()])));
}

function notedMembers(context: LabContext): string[] | undefined {
  const noted = context.notes.get(NOTE.members);
  return noted ? (JSON.parse(noted) as string[]) : undefined;
}

function total(ends: Map<number, bigint>): bigint {
  return [...ends.values()].reduce((sum, end) => sum + end, 0n);
}

/** A consumer in the group, as a learner's console consumer would run, with short timeouts so rebalances take seconds. */
async function startConsumer(context: LabContext, name: string): Promise<void> {
  const consumer: Consumer = context.kafka.client.consumer({ groupId: GROUP, sessionTimeout: 6_000, heartbeatInterval: 500, rebalanceTimeout: 3_000, maxWaitTimeInMs: 200 });
  await context.kept.keep(name, { close: () => consumer.disconnect() });
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
  await consumer.run({ eachMessage: async () => {} });
}

/** Chapter 6: two consumers in one group split a topic's partitions; when one stops, the other takes over from the committed offsets. */
export const consumerGroups = defineLab({
  id: 'consumer-groups',
  chapter: 6,
  topics: [TOPIC],
  async reset(context) {
    for (const name of KEPT) await context.kept.release(name);
    context.notes.delete(NOTE.members);
    context.notes.delete(NOTE.ends);
    await deleteGroups(context, [GROUP]);
    await recreateTopic(context, { topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 3 });
    await seedRecords(
      context,
      TOPIC,
      Array.from({ length: PARTITIONS * SEEDED_PER_PARTITION }, (_, i) => ({ partition: i % PARTITIONS, key: `order-${i + 1}`, value: `order ${i + 1}` })),
    );
  },
  steps: [
    {
      id: 'start-two-consumers',
      hints: 3,
      checks: [
        {
          id: 'two-members',
          async run(context): Promise<CheckOutcome> {
            const group = await describeGroup(context, GROUP);
            const passed = group.state === 'Stable' && group.members.length === 2 && splitsAll(group);
            // Step 2 asks whether the member left is one of these two.
            if (passed) context.notes.set(NOTE.members, JSON.stringify(group.members.map((member) => member.memberId)));
            return {
              passed,
              saw: describeMembers(context, group),
              expected: context.t('labs.consumer-groups.check.two-members.expected', { group: GROUP, partitions: PARTITIONS, topic: TOPIC }),
              ...(group.members.length === 1 ? { hint: context.t('labs.consumer-groups.check.two-members.one', { group: GROUP }) } : {}),
              ...(group.members.length > 2 ? { hint: context.t('labs.consumer-groups.check.two-members.more') } : {}),
            };
          },
        },
        {
          id: 'caught-up',
          async run(context) {
            const state = await commitState(context);
            // Step 2 wants records written after this point.
            if (state.atEnd) noteEnds(context, state.ends);
            return {
              passed: state.atEnd,
              saw: context.t('labs.consumer-groups.check.committed.saw', { group: GROUP, partitions: state.text }),
              expected: context.t('labs.consumer-groups.check.caught-up.expected', { group: GROUP, topic: TOPIC }),
            };
          },
        },
      ],
      solution: [
        '(terminal 1)',
        `kafka-console-consumer --bootstrap-server localhost:19092 --topic ${TOPIC} --group ${GROUP} --from-beginning`,
        '(terminal 2: + terminal)',
        `kafka-console-consumer --bootstrap-server localhost:19092 --topic ${TOPIC} --group ${GROUP} --from-beginning`,
        '(terminal 3: + terminal, while both consumers run)',
        `kafka-consumer-groups --bootstrap-server localhost:19092 --describe --group ${GROUP} --members --verbose`,
        `kafka-consumer-groups --bootstrap-server localhost:19092 --describe --group ${GROUP}`,
      ],
      async solve(context) {
        for (const name of KEPT) await startConsumer(context, name);
        const group = await waitUntil(
          `two members of ${GROUP} splitting ${TOPIC}`,
          () => describeGroup(context, GROUP),
          (seen) => seen.state === 'Stable' && seen.members.length === 2 && splitsAll(seen),
          { timeoutMs: SETTLE_MS },
        );
        const state = await waitUntil(`${GROUP} committed at the end of ${TOPIC}`, () => commitState(context), (seen) => seen.atEnd, { timeoutMs: SETTLE_MS });
        context.notes.set(NOTE.members, JSON.stringify(group.members.map((member) => member.memberId)));
        noteEnds(context, state.ends);
      },
    },
    {
      id: 'stop-one-consumer',
      hints: 3,
      checks: [
        {
          id: 'one-member-owns-all',
          async run(context) {
            const group = await describeGroup(context, GROUP);
            const count = group.members.length;
            return {
              passed: group.state === 'Stable' && count === 1 && splitsAll(group),
              saw: describeMembers(context, group),
              expected: context.t('labs.consumer-groups.check.one-member.expected', { group: GROUP, partitions: PARTITIONS, topic: TOPIC }),
              ...(count === 2 ? { hint: context.t('labs.consumer-groups.check.one-member.two') } : count === 0 ? { hint: context.t('labs.consumer-groups.check.one-member.none') } : {}),
            };
          },
        },
        {
          id: 'same-member',
          async run(context) {
            const group = await describeGroup(context, GROUP);
            const earlier = notedMembers(context);
            const expected = context.t('labs.consumer-groups.check.same-member.expected');
            if (!earlier) return { passed: false, saw: context.t('labs.consumer-groups.check.same-member.unknown'), expected, hint: context.t('labs.consumer-groups.check.same-member.unknown-hint') };
            if (group.members.length !== 1) return { passed: false, saw: context.t('labs.consumer-groups.check.same-member.count', { group: GROUP, count: group.members.length }), expected };
            const [member] = group.members;
            const passed = earlier.includes(member.memberId);
            return {
              passed,
              saw: context.t(passed ? 'labs.consumer-groups.check.same-member.kept' : 'labs.consumer-groups.check.same-member.new', { member: memberLabel(member) }),
              expected,
              ...(passed ? {} : { hint: context.t('labs.consumer-groups.check.same-member.new-hint') }),
            };
          },
        },
        {
          id: 'offsets-continue',
          async run(context) {
            const state = await commitState(context);
            const before = notedEnds(context);
            const added = total(state.ends) - (before ? total(before) : BigInt(PARTITIONS * SEEDED_PER_PARTITION));
            const passed = state.atEnd && added > 0n;
            return {
              passed,
              saw: context.t('labs.consumer-groups.check.continue.saw', { added: added.toString(), group: GROUP, partitions: state.text }),
              expected: context.t('labs.consumer-groups.check.continue.expected', { group: GROUP }),
              ...(added <= 0n ? { hint: context.t('labs.consumer-groups.check.continue.produce', { topic: TOPIC }) } : !state.atEnd ? { hint: context.t('labs.consumer-groups.check.continue.lag') } : {}),
            };
          },
        },
      ],
      solution: [
        '(terminal 2) Ctrl-C, then in the same terminal:',
        `kafka-console-producer --bootstrap-server localhost:19092 --topic ${TOPIC} --property parse.key=true --property key.separator=:`,
        '>order-101:one more order',
        '>order-102:and another',
        '>order-103:a third',
        '>order-104:the last one',
        '(Ctrl-D at the next > ends the input)',
        `kafka-consumer-groups --bootstrap-server localhost:19092 --describe --group ${GROUP}`,
      ],
      async solve(context) {
        await context.kept.release(KEPT[1]);
        await waitUntil(
          `one member of ${GROUP} reading all of ${TOPIC}`,
          () => describeGroup(context, GROUP),
          (seen) => seen.state === 'Stable' && seen.members.length === 1 && splitsAll(seen),
          { timeoutMs: SETTLE_MS },
        );
        const producer = await context.kafka.producer();
        await producer.send({ topic: TOPIC, acks: -1, messages: ALL_PARTITIONS.map((partition) => ({ partition, key: `late-${partition}`, value: 'written after one consumer stopped' })) });
        await waitUntil(`${GROUP} committed the new records`, () => commitState(context), (seen) => seen.atEnd, { timeoutMs: SETTLE_MS });
      },
    },
  ],
});
