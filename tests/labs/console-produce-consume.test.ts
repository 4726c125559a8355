import type { Admin, Message, Producer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { consoleProduceConsume } from '../../src/labs/console-produce-consume/console-produce-consume.ts';
import type { StepResult } from '../../src/labs/grade.ts';
import { labTranslate } from '../../src/labs/registry.ts';
import { labContextFactory } from '../../src/server/labs/lab-context-factory.ts';
import { runKcat } from '../support/kafka-clients.ts';
import { describeWithPeer } from '../support/peers.ts';
import { expectCatalogComplete } from './support/lab-catalog.ts';
import { proveLab, startLab, type RunningLab } from './support/lab-harness.ts';

function check(result: StepResult, id: string) {
  const found = result.checks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`step ${result.id} has no check ${id}`);
  return found;
}

/** Runs `use` with a kafkajs admin and producer on the lab's cluster, as a learner's own client. */
async function asLearner(lab: RunningLab, use: (clients: { admin: Admin; producer: Producer }) => Promise<void>): Promise<void> {
  const opened = await labContextFactory({ cluster: lab.runtime, learner: 'test', t: labTranslate('en'), kept: lab.kept })(new AbortController().signal);
  try {
    await use({ admin: await opened.context.kafka.admin(), producer: await opened.context.kafka.producer() });
  } finally {
    await opened.close();
  }
}

const produce = (lab: RunningLab, messages: Message[]) => asLearner(lab, ({ producer }) => producer.send({ topic: 'greetings', acks: -1, messages }).then(() => {}));

describe('lab console-produce-consume', () => {
  it('has every text its page needs in the English catalog', () => {
    expectCatalogComplete(consoleProduceConsume);
  });

  it('each step fails on the cluster as the learner finds it, saying what it saw, and passes after the reference solution', { timeout: 90_000 }, async () => {
    await proveLab(consoleProduceConsume);
  });

  it('near miss: ten records without keys are records, but not keyed ones', { timeout: 60_000 }, async () => {
    await using lab = await startLab(consoleProduceConsume);
    await produce(lab, Array.from({ length: 12 }, (_, i) => ({ value: `hello ${i}` })));
    const result = await lab.grade('produce-keyed');
    expect(check(result, 'ten-records')).toMatchObject({ passed: true, saw: '12 records in greetings' });
    expect(check(result, 'records-keyed')).toMatchObject({ passed: false, saw: '0 records with a key (0 different keys), 12 without a key', hint: expect.stringContaining('not hashed') });
    expect(check(result, 'same-key-same-partition')).toMatchObject({ passed: false, saw: '0 different keys: too few to show where keys go' });
  });

  it('near miss: one key in two partitions (two producers that hash differently) does not pass', { timeout: 60_000 }, async () => {
    await using lab = await startLab(consoleProduceConsume);
    await produce(lab, [
      ...Array.from({ length: 10 }, (_, i) => ({ key: `user-${i % 3}`, value: `hello ${i}`, partition: i % 3 })),
      { key: 'user-0', value: 'from the other producer', partition: 2 },
    ]);
    const result = await lab.grade('produce-keyed');
    expect(check(result, 'records-keyed').passed).toBe(true);
    expect(check(result, 'same-key-same-partition')).toMatchObject({ passed: false, saw: 'key user-0 is in partitions 0, 2', hint: expect.stringContaining('murmur2') });
  });

  it('grades the key:partition answer against the records (a wrong partition is wrong), leaving no reader group behind', { timeout: 60_000 }, async () => {
    await using lab = await startLab(consoleProduceConsume);
    await produce(lab, Array.from({ length: 10 }, (_, i) => ({ key: `user-${i % 2}`, value: `hello ${i}`, partition: i % 2 })));
    const grade = async (answer: string) => {
      lab.answers['key-partition'] = answer;
      return check(await lab.grade('produce-keyed'), 'key-partition');
    };
    expect((await grade('user-1:1')).passed).toBe(true);
    expect((await grade('user-1 → partition 1')).passed).toBe(true);
    expect((await grade('user-1:0')).passed).toBe(false);
    expect(await grade('user-7:1')).toMatchObject({ passed: false, saw: 'no record in greetings has the key “user-7”' });
    expect(await grade('partition one')).toMatchObject({ passed: false, saw: expect.stringContaining('is not key:partition') });
    // Every grading above read the topic in a throw-away group; none is left behind.
    await asLearner(lab, async ({ admin }) => expect((await admin.listGroups()).groups.map((group) => group.groupId)).toEqual([]));
  });

  it('near miss: a group that committed nothing, or not up to the end, has not consumed the topic', { timeout: 60_000 }, async () => {
    await using lab = await startLab(consoleProduceConsume);
    await lab.solve('produce-keyed');
    const nothing = check(await lab.grade('consume-in-group'), 'group-committed');
    expect(nothing).toMatchObject({ passed: false, hint: expect.stringContaining('has committed nothing') });
    expect(nothing.saw).toMatch(/^greeters committed: greetings-\d nothing of \d+/);
    await asLearner(lab, ({ admin }) => admin.setOffsets({ groupId: 'greeters', topic: 'greetings', partitions: [0, 1, 2].map((partition) => ({ partition, offset: '1' })) }));
    const behind = check(await lab.grade('consume-in-group'), 'group-committed');
    expect(behind).toMatchObject({ passed: false, hint: expect.stringContaining('records left to read') });
    expect(behind.saw).toMatch(/greetings-\d 1 of \d+/);
  });
});

describeWithPeer('kcat', 'lab console-produce-consume with kcat, as the chapter’s caution describes', () => {
  const keyed = Array.from({ length: 12 }, (_, i) => `user-${i % 6}:hello ${i}`).join('\n') + '\n';

  it('kcat’s default partitioner and the Java one (kafkajs) put the same key in different partitions; with murmur2_random they agree', { timeout: 90_000 }, async () => {
    await using lab = await startLab(consoleProduceConsume);
    const bootstrap = (await lab.runtime.status()).connections.bootstrapServers;
    expect((await runKcat(['-b', bootstrap, '-P', '-t', 'greetings', '-K:'], 20_000, keyed)).code).toBe(0);
    await produce(lab, Array.from({ length: 6 }, (_, i) => ({ key: `user-${i}`, value: 'from the Java partitioner' })));
    const mixed = await lab.grade('produce-keyed');
    expect(check(mixed, 'records-keyed').passed).toBe(true);
    expect(check(mixed, 'same-key-same-partition')).toMatchObject({ passed: false, saw: expect.stringMatching(/^key user-\d is in partitions/) });

    await using fresh = await startLab(consoleProduceConsume);
    const freshBootstrap = (await fresh.runtime.status()).connections.bootstrapServers;
    expect((await runKcat(['-b', freshBootstrap, '-P', '-t', 'greetings', '-K:', '-X', 'partitioner=murmur2_random'], 20_000, keyed)).code).toBe(0);
    await produce(fresh, Array.from({ length: 6 }, (_, i) => ({ key: `user-${i}`, value: 'from the Java partitioner' })));
    expect(check(await fresh.grade('produce-keyed'), 'same-key-same-partition').passed).toBe(true);
  });
});
