/**
 * The lab shell with its real command list against a real embedded cluster (three brokers, an
 * embedded ZooKeeper) on loopback: the tools run in pipes, and each line is reported with the
 * topics it touched.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafkaTestCluster } from '../../tests/support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../../tests/support/kafka-cluster.ts';
import { labCommandRegistry, labCommands } from './lab-commands.ts';
import { ShellDriver } from './shell/testing/shell-driver.ts';
import { testToolEnvironment } from './testing/test-tool-environment.ts';

let cluster: KafkaTestCluster;

beforeAll(async () => {
  cluster = await startKafkaTestCluster();
});
afterAll(async () => {
  await cluster?.close();
});

const labShell = () => new ShellDriver({ commands: labCommandRegistry(), env: testToolEnvironment({ transport: cluster.transport }) });

describe('labCommands', () => {
  it('names every command once (aliases included) and gives each a summary', () => {
    const registry = labCommandRegistry();
    expect(registry.commands()).toHaveLength(labCommands.length);
    for (const command of labCommands) expect(command.summary.length).toBeGreaterThan(0);
    expect(registry.find('help')).toBeDefined();
  });

  it('help lists every command within 80 columns', async () => {
    const shell = labShell();
    const text = await shell.run('help');
    expect(text.split('\n').filter((line) => line.length > 80)).toEqual([]);
    for (const command of labCommands) expect(text).toContain(`  ${command.name} `);
  });

  it('anything else is command not found', async () => {
    const shell = labShell();
    expect(await shell.run('bash -c id; echo $?')).toBe('bash: command not found\n127');
    expect(await shell.run('ls /etc')).toBe('ls: command not found');
  });
});

describe('the lab shell with the real tools', () => {
  it('pipes a tool into the shell utilities: zookeeper-shell ... | tail -1', async () => {
    const shell = labShell();
    expect(await shell.run(`zookeeper-shell ${cluster.zookeeperConnect} ls /brokers/ids | tail -1`)).toBe('[1, 2, 3]');
    expect(shell.reports[0].commands.map((command) => [command.argv[0], command.exitCode])).toEqual([
      ['zookeeper-shell', 0],
      ['tail', 0],
    ]);
  });

  it('feeds a pipe into kafka-console-producer (no > prompt off a terminal) and reports the topic it touched', async () => {
    const kafka = new Kafka({ brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'shell-pipe', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    await admin.disconnect();

    const shell = labShell();
    const shown = await shell.run(`echo -e "first\\nsecond" | kafka-console-producer --bootstrap-server ${cluster.bootstrap[0]} --topic shell-pipe`);
    expect(shown).toBe('');
    expect(shell.reports[0]).toMatchObject({
      exitCode: 0,
      commands: [
        { argv: ['echo', '-e', 'first\\nsecond'], exitCode: 0, topics: [] },
        { argv: ['kafka-console-producer', '--bootstrap-server', cluster.bootstrap[0], '--topic', 'shell-pipe'], exitCode: 0, topics: ['shell-pipe'] },
      ],
    });

    const consumer = kafka.consumer({ groupId: 'shell-pipe-check' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'shell-pipe', fromBeginning: true });
    const values: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.push(message.value!.toString());
          if (values.length === 2) resolve();
        },
      });
    });
    await consumer.disconnect();
    expect(values).toEqual(['first', 'second']);
  });
});
