import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { consumerGroups } from '../../src/labs/consumer-groups/consumer-groups.ts';
import type { StepResult } from '../../src/labs/grade.ts';
import { expectCatalogComplete } from './support/lab-catalog.ts';
import { proveLab, startLab, type RunningLab } from './support/lab-harness.ts';

function check(result: StepResult, id: string) {
  const found = result.checks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`step ${result.id} has no check ${id}`);
  return found;
}

async function learnerKafka(lab: RunningLab): Promise<Kafka> {
  const { connections } = await lab.runtime.status();
  return new Kafka({ clientId: 'learner', brokers: connections.bootstrapServers.split(','), logLevel: logLevel.NOTHING });
}

/** A learner's consumer in `groupId`, kept in the lab session (closed when the test's lab is disposed). */
async function startConsumer(lab: RunningLab, name: string, groupId: string): Promise<void> {
  const consumer = (await learnerKafka(lab)).consumer({ groupId, sessionTimeout: 6_000, heartbeatInterval: 500, rebalanceTimeout: 3_000, maxWaitTimeInMs: 200 });
  await lab.kept.keep(name, { close: () => consumer.disconnect() });
  await consumer.connect();
  await consumer.subscribe({ topics: ['orders'], fromBeginning: true });
  await consumer.run({ eachMessage: async () => {} });
}

async function groupMembers(lab: RunningLab, groupId: string): Promise<string> {
  const admin = (await learnerKafka(lab)).admin();
  await admin.connect();
  try {
    const [group] = (await admin.describeGroups([groupId])).groups;
    return `${group.state}/${group.members.length}`;
  } finally {
    await admin.disconnect();
  }
}

async function produceMore(lab: RunningLab): Promise<void> {
  const producer = (await learnerKafka(lab)).producer();
  await producer.connect();
  try {
    await producer.send({ topic: 'orders', acks: -1, messages: [0, 1, 2, 3].map((partition) => ({ partition, key: `more-${partition}`, value: 'one more order' })) });
  } finally {
    await producer.disconnect();
  }
}

describe('lab consumer-groups', () => {
  it('has every text its page needs in the English catalog', () => {
    expectCatalogComplete(consumerGroups);
  });

  it('each step fails on the cluster as the learner finds it, saying what it saw, and passes after the reference solution', { timeout: 120_000 }, async () => {
    await proveLab(consumerGroups);
  });

  it('near miss: two consumers in two different groups each read everything; nothing is split', { timeout: 90_000 }, async () => {
    await using lab = await startLab(consumerGroups);
    await startConsumer(lab, 'a', 'order-workers');
    await startConsumer(lab, 'b', 'order-workers-2');
    await expect.poll(() => groupMembers(lab, 'order-workers'), { timeout: 20_000 }).toBe('Stable/1');
    const result = await lab.grade('start-two-consumers');
    expect(check(result, 'two-members')).toMatchObject({ passed: false, saw: expect.stringMatching(/^order-workers is Stable with 1 member: learner …\w{4} reads orders 0, 1, 2, 3$/) });
    expect(check(result, 'two-members').hint).toContain('start a second consumer with --group order-workers');
  });

  it('near miss: both consumers replaced by a new one — it reads everything and commits, but it is not one of the two', { timeout: 90_000 }, async () => {
    await using lab = await startLab(consumerGroups);
    await lab.solve('start-two-consumers');
    expect((await lab.grade('start-two-consumers')).passed).toBe(true);
    await lab.kept.release('consumer-groups.consumer-a');
    await lab.kept.release('consumer-groups.consumer-b');
    await startConsumer(lab, 'replacement', 'order-workers');
    await expect.poll(() => groupMembers(lab, 'order-workers'), { timeout: 20_000 }).toBe('Stable/1');
    await produceMore(lab);
    await expect.poll(async () => check(await lab.grade('stop-one-consumer'), 'offsets-continue').passed, { timeout: 20_000 }).toBe(true);
    const result = await lab.grade('stop-one-consumer');
    expect(check(result, 'one-member-owns-all').passed).toBe(true);
    expect(check(result, 'same-member')).toMatchObject({ passed: false, saw: expect.stringMatching(/^learner …\w{4}, a member that joined after step 1$/) });
  });

  it('near miss: one consumer stopped but nothing new written; and a session that never saw step 1 cannot tell who stayed', { timeout: 90_000 }, async () => {
    await using lab = await startLab(consumerGroups);
    await lab.solve('start-two-consumers');
    await lab.kept.release('consumer-groups.consumer-b');
    await expect.poll(async () => check(await lab.grade('stop-one-consumer'), 'one-member-owns-all').passed, { timeout: 20_000 }).toBe(true);
    const result = await lab.grade('stop-one-consumer');
    expect(check(result, 'same-member')).toMatchObject({ passed: true, saw: expect.stringContaining('one of the two members of step 1') });
    expect(check(result, 'offsets-continue')).toMatchObject({ passed: false, saw: expect.stringMatching(/^0 records written since step 1; order-workers committed: orders-0 5 of 5/), hint: expect.stringContaining('Produce a few more records') });
    lab.notes.clear();
    expect(check(await lab.grade('stop-one-consumer'), 'same-member')).toMatchObject({ passed: false, saw: 'the members of step 1 are not known in this session' });
  });
});
