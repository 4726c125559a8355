import kafkajs from 'kafkajs';
import type { ITopicConfig } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { labTranslate } from '../../src/labs/registry.ts';
import { KeptResources } from '../../src/labs/kept-resources.ts';
import { seedTopic } from '../../src/labs/seed-topic/seed-topic.ts';
import { labContextFactory } from '../../src/server/labs/lab-context-factory.ts';
import { expectAllFailing, expectAllPassing, proveLab, startLab, type RunningLab } from './support/lab-harness.ts';
import { expectCatalogComplete } from './support/lab-catalog.ts';
import { recordCommandActivity } from '../../src/server/terminal/command-activity.ts';
import { labCommandRegistry } from '../../src/terminal/lab-commands.ts';
import { ShellDriver } from '../../src/terminal/shell/testing/shell-driver.ts';

/** What the learner does with kafka-topics, done with a plain kafkajs admin. */
async function learnerAdmin<T>(lab: RunningLab, use: (admin: kafkajs.Admin) => Promise<T>): Promise<T> {
  const kafka = new kafkajs.Kafka({ brokers: (await lab.runtime.status()).connections.bootstrapServers.split(','), logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

const create = (lab: RunningLab, ...topics: ITopicConfig[]) => learnerAdmin(lab, (admin) => admin.createTopics({ topics, waitForLeaders: true }));

async function recreateTest(lab: RunningLab, config: Omit<ITopicConfig, 'topic'>) {
  await learnerAdmin(lab, async (admin) => {
    if ((await admin.listTopics()).includes('test')) await admin.deleteTopics({ topics: ['test'] });
    await expect.poll(() => admin.listTopics(), { timeout: 10_000 }).not.toContain('test');
  });
  await create(lab, { topic: 'test', ...config });
}

const topicCheck = async (lab: RunningLab) => (await lab.grade('create-topic')).checks[0];

describe('lab seed-topic', () => {
  it('has every message it needs', () => {
    expectCatalogComplete(seedTopic);
  });

  it('fails before the learner acts, saying what it saw, and passes after the reference solution', async () => {
    await proveLab(seedTopic);
  });

  it('near misses: test-old, test with replication factor 2, test with 1 partition; each says what it found', async () => {
    await using lab = await startLab(seedTopic);
    await create(lab, { topic: 'test-old', numPartitions: 2, replicationFactor: 3 });
    expect(await topicCheck(lab)).toMatchObject({ passed: false, saw: 'no topic `test` (the cluster has: test-old)', expected: 'topic `test` with 2 partitions and replication factor 3' });

    await recreateTest(lab, { numPartitions: 2, replicationFactor: 2 });
    expect(await topicCheck(lab)).toMatchObject({ passed: false, saw: 'topic `test` has 2 partitions and replication factor 2', hint: expect.stringMatching(/delete the topic/) });

    await recreateTest(lab, { numPartitions: 1, replicationFactor: 3 });
    expect(await topicCheck(lab)).toMatchObject({ passed: false, saw: 'topic `test` has 1 partition and replication factor 3', hint: expect.stringMatching(/--alter --topic test --partitions/) });

    await recreateTest(lab, { numPartitions: 2, replicationFactor: 3 });
    expectAllPassing(await lab.grade('create-topic'));
  });

  it('says what the learner ran in the terminal: created `test`, but with 1 partition; or the create that failed', async () => {
    await using lab = await startLab(seedTopic);
    const bootstrap = (await lab.runtime.status()).connections.bootstrapServers.split(',')[0];
    const terminal = new ShellDriver({ commands: labCommandRegistry() });
    recordCommandActivity(terminal.shell, { record: (_learner, activity) => lab.activity.push(activity) }, 'test');
    const run = async (line: string) => {
      const done = terminal.reports.length + 1;
      terminal.type(`${line}\r`);
      await terminal.until(() => terminal.reports.length >= done, line, 30_000);
    };
    try {
      const tooLarge = `kafka-topics --bootstrap-server ${bootstrap} --create --topic test --partitions 2 --replication-factor 4`;
      await run(tooLarge);
      expect(await topicCheck(lab)).toMatchObject({
        passed: false,
        saw: `no topic \`test\` (the cluster has: no topics of its own); your \`${tooLarge}\` in the terminal failed (exit status 1): its error message says why`,
      });

      const onePartition = `kafka-topics --bootstrap-server ${bootstrap} --create --topic test --partitions 1 --replication-factor 3`;
      await run(onePartition);
      expect(terminal.reports.at(-1)).toMatchObject({ exitCode: 0, commands: [{ topics: ['test'] }] });
      expect(await topicCheck(lab)).toMatchObject({
        passed: false,
        saw: `you created topic \`test\` in the terminal (\`${onePartition}\`), but with 1 partition and replication factor 3`,
        hint: expect.stringMatching(/--alter --topic test --partitions/),
      });
    } finally {
      await terminal.shell.close();
    }
  });

  it('near miss: a leader answer that was right before a failover is wrong after', async () => {
    await using lab = await startLab(seedTopic);
    await lab.solve('create-topic');
    await lab.solve('describe-topic');
    const before = Number(lab.answers['partition-0-leader']);
    expectAllPassing(await lab.grade('describe-topic'));
    await lab.runtime.nodeAction(`kafka-${before}`, 'kill');
    await expect
      .poll(async () => (await lab.runtime.status()).kafka?.topics.find((topic) => topic.name === 'test')?.partitions[0]?.leader, { timeout: 20_000 })
      .not.toBe(before);
    expectAllFailing(await lab.grade('describe-topic'));
  });

  it('reset removes an earlier `test` completely before the learner starts', async () => {
    await using lab = await startLab(seedTopic);
    await lab.solve('create-topic');
    const t = labTranslate('en');
    const opened = await labContextFactory({ cluster: lab.runtime, learner: 'test', t, kept: new KeptResources() })(new AbortController().signal);
    try {
      await seedTopic.reset!(opened.context);
    } finally {
      await opened.close();
    }
    expect(await learnerAdmin(lab, (admin) => admin.listTopics())).not.toContain('test');
    expect(await topicCheck(lab)).toMatchObject({ passed: false, saw: 'no topic `test` (the cluster has: no topics of its own)' });
  });
});
