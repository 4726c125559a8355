/**
 * @platformatic/kafka consumers in a classic consumer group against the three-broker cluster: the first member
 * gets every partition, a second member joining triggers a rebalance that splits them, offsets committed
 * through the group survive the members, and a later member resumes from them. The admin side lists,
 * describes and deletes the group and reads its committed offsets.
 */
import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { eventually, startGroupTestCluster, type KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaErrorName, PlatformaticClients, rejectionOf, type StringConsumer, type StringMessage, type StringStream } from '../support/platformatic-clients.ts';

const TOPIC = 'plt-work';
const GROUP = 'plt-workers';
const PARTITIONS = [0, 1, 2, 3];

let cluster: KafkaTestCluster;
let clients: PlatformaticClients;

beforeAll(async () => {
  cluster = await startGroupTestCluster({ groupInitialRebalanceDelayMs: 0 });
  clients = new PlatformaticClients(cluster);
  await clients.admin().createTopics({ topics: [TOPIC], partitions: PARTITIONS.length, replicas: 3 });
});

afterAll(async () => {
  await clients?.close();
  await cluster?.close();
});

/** `count` records per partition, values `<label>-<partition>-<i>`. */
async function produce(label: string, count: number): Promise<string[]> {
  const messages = PARTITIONS.flatMap((partition) => Array.from({ length: count }, (_, i) => ({ topic: TOPIC, partition, key: `k${partition}`, value: `${label}-${partition}-${i}` })));
  await clients.producer().send({ acks: -1, messages });
  return messages.map((m) => m.value).sort();
}

interface Member {
  consumer: StringConsumer;
  stream: StringStream;
  /** Every message its stream delivered, in order (recorded from the start, so none is missed between steps). */
  received: StringMessage[];
}

/** A member of GROUP reading from the group's committed offsets (earliest when none), committing by hand. */
async function join(): Promise<Member> {
  const consumer = clients.consumer(GROUP, { autocommit: false });
  const stream = await consumer.consume({ topics: [TOPIC], mode: 'committed', fallbackMode: 'earliest', autocommit: false });
  const received: StringMessage[] = [];
  stream.on('data', (message: StringMessage) => void received.push(message));
  return { consumer, stream, received };
}

/** Waits until `members` received `count` messages after the `from` counts (one per member), and returns those. */
async function receivedSince(members: Member[], from: number[], count: number): Promise<StringMessage[]> {
  const since = () => members.flatMap((member, i) => member.received.slice(from[i]));
  await eventually(`${count} new messages for ${members.length} member(s)`, () => since().length >= count, 20_000);
  return since();
}

/** Commits every partition's last message in `messages` (the group then resumes after it). */
async function commitLast(messages: StringMessage[]): Promise<void> {
  const last = new Map<number, StringMessage>();
  for (const message of messages) if ((last.get(message.partition)?.offset ?? -1n) < message.offset) last.set(message.partition, message);
  for (const message of last.values()) await message.commit();
}

function assignedPartitions(consumer: StringConsumer): number[] {
  return (consumer.assignments ?? []).filter((a) => a.topic === TOPIC).flatMap((a) => a.partitions).sort();
}

describe('@platformatic/kafka consumer group', () => {
  it('joins, gets every partition, rebalances when a second member joins, commits, and a later member resumes from the commits', async () => {
    const admin = clients.admin();
    const first = await produce('first', 5);

    const a = await join();
    expect(assignedPartitions(a.consumer)).toEqual(PARTITIONS);
    const readByA = await receivedSince([a], [0], first.length);
    expect(readByA.map((m) => m.value).sort()).toEqual(first);
    await commitLast(readByA);
    const committed = async () =>
      (await admin.listConsumerGroupOffsets({ groups: [GROUP] }))[0].topics
        .filter((t) => t.name === TOPIC)
        .flatMap((t) => t.partitions.map((p) => [p.partitionIndex, p.committedOffset] as const))
        .sort(([x], [y]) => x - y);
    expect(await committed()).toEqual(PARTITIONS.map((p) => [p, 5n]));

    // A second member: the coordinator rebalances, and the two split the partitions between them.
    let rebalances = 0;
    a.consumer.on('consumer:group:rebalance', () => rebalances++);
    const b = await join();
    await eventually('the partitions split between both members', () => {
      const ofA = assignedPartitions(a.consumer);
      const ofB = assignedPartitions(b.consumer);
      return ofA.length > 0 && ofB.length > 0 && [...ofA, ...ofB].sort().join() === PARTITIONS.join() && a.consumer.generationId === b.consumer.generationId;
    });
    expect(rebalances).toBeGreaterThan(0);
    const described = (await admin.describeGroups({ groups: [GROUP] })).get(GROUP)!;
    expect(described).toMatchObject({ state: 'Stable', protocolType: 'consumer' });
    expect([...described.members.keys()].sort()).toEqual([a.consumer.memberId, b.consumer.memberId].sort());
    for (const member of described.members.values()) {
      const own = member.id === a.consumer.memberId ? a.consumer : b.consumer;
      expect([...(member.assignments?.get(TOPIC)?.partitions ?? [])].sort()).toEqual(assignedPartitions(own));
    }

    // New records are read by the member that owns their partition, from the committed offsets. A
    // @platformatic/kafka limitation: records a fetch sent before the rebalance brings back are delivered even
    // for a partition just revoked (Java's consumer drops them), so the former owner, A, may see B's too.
    const before = [a.received.length, b.received.length];
    const second = await produce('second', 2);
    const ofB = assignedPartitions(b.consumer);
    const newForB = () => b.received.slice(before[1]);
    const newForA = () => a.received.slice(before[0]).filter((m) => !ofB.includes(m.partition));
    await eventually('each member reading its own partitions', () => newForA().length + newForB().length >= second.length, 20_000);
    const seen = (messages: StringMessage[]) => messages.map((m) => `${m.value}@${m.partition}:${m.offset}`).join(', ');
    const readByBoth = [...newForA(), ...newForB()];
    expect(readByBoth.map((m) => m.value).sort(), `A: ${seen(a.received.slice(before[0]))}; B: ${seen(newForB())}`).toEqual(second);
    for (const message of newForB()) expect(ofB).toContain(message.partition);
    await commitLast(readByBoth);
    expect(await committed()).toEqual(PARTITIONS.map((p) => [p, 7n]));

    // A group with members cannot be deleted.
    expect(kafkaErrorName(await rejectionOf(clients.admin({ retries: 1, retryDelay: 100 }).deleteGroups({ groups: [GROUP] })))).toBe('NON_EMPTY_GROUP');
    await a.stream.close();
    await a.consumer.close();
    await b.stream.close();
    await b.consumer.close();
    await eventually('the group empty after both left', async () => (await admin.describeGroups({ groups: [GROUP] })).get(GROUP)?.state === 'Empty');

    // A later member starts where the group committed: only what was written since.
    const third = await produce('third', 1);
    const c = await join();
    expect(assignedPartitions(c.consumer)).toEqual(PARTITIONS);
    expect((await receivedSince([c], [0], third.length)).map((m) => m.value).sort()).toEqual(third);
    const groups = await admin.listGroups();
    expect(groups.get(GROUP)).toMatchObject({ id: GROUP, protocolType: 'consumer', state: 'Stable' });
    await c.stream.close();
    await c.consumer.close();

    await admin.deleteGroups({ groups: [GROUP] });
    expect((await admin.listGroups()).has(GROUP)).toBe(false);
    expect(await committed()).toEqual([]);
  }, 55_000);
});
