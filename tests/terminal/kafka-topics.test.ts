/**
 * kafka-topics against a real embedded cluster (three brokers on loopback): the seed's commands,
 * the layouts of --list and --describe, the broker's errors with Kafka 3.9's wording and streams,
 * --alter and --delete, and NetworkClient's WARN lines for a dead bootstrap server.
 *
 * What the output must say about partitions (leaders, replicas, ISR) is read independently with
 * kafkajs, and topic ids from ZooKeeper (`/brokers/topics/<t>`), so the tests check our formatting
 * against the cluster's own state.
 */
import kafkajs from 'kafkajs';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/terminal/testing/run-command.ts';
import { deadPort } from '../../src/terminal/testing/dead-port.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { kafkaTopicsCommand } from '../../src/terminal/tools/kafka-topics/kafka-topics-command.ts';
import { eventually } from '../support/kafka-cluster.ts';
import { suiteCluster } from './support/suite-cluster.ts';

const { Kafka, logLevel } = kafkajs;

/** 2024-11-11 02:46:50,786 UTC: log lines get this timestamp (the test environment is UTC). */
const NOW = Date.UTC(2024, 10, 11, 2, 46, 50, 786);
const TS = '[2024-11-11 02:46:50,786]';

const cluster = suiteCluster();
let bootstrap: string;
let admin: Admin;

function topics(args: string[], files?: Record<string, string>) {
  return runCommand(kafkaTopicsCommand, args, { env: testToolEnvironment({ now: NOW, files }) });
}

/** The partition lines Kafka 3.9 prints for `topic`, from the cluster's metadata as kafkajs sees it. */
async function expectedPartitionLines(topic: string): Promise<string> {
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  return metadata.topics[0].partitions
    .sort((a, b) => a.partitionId - b.partitionId)
    .map((p) => `\tTopic: ${topic}\tPartition: ${p.partitionId}\tLeader: ${p.leader}\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}\tElr: N/A\tLastKnownElr: N/A\n`)
    .join('');
}

/** The topic's id as the controller wrote it in ZooKeeper (`topic_id` of `/brokers/topics/<t>`). */
async function topicIdInZooKeeper(topic: string): Promise<string> {
  const zookeeper = await cluster().zookeeperClient();
  const { data } = await zookeeper.getData(`/brokers/topics/${topic}`);
  const id: unknown = JSON.parse(new TextDecoder().decode(data)).topic_id;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(id)) throw new Error(`no topic id in /brokers/topics/${topic}: ${String(id)}`);
  return id;
}


beforeAll(async () => {
  bootstrap = cluster().bootstrap.join(',');
  admin = new Kafka({ brokers: cluster().bootstrap, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
});

describe('the seed commands', () => {
  it('answers to kafka-topics and kafka-topics.sh', () => {
    expect([kafkaTopicsCommand.name, ...(kafkaTopicsCommand.aliases ?? [])]).toEqual(['kafka-topics', 'kafka-topics.sh']);
  });

  it('creates the topic: "Created topic test." on stdout', async () => {
    const run = await topics(['--bootstrap-server', cluster().bootstrap[0], '--create', '--topic', 'test', '--partitions', '2', '--replication-factor', '3']);
    expect(run).toMatchObject({ exitCode: 0, stdout: 'Created topic test.\n', stderr: '', topics: ['test'] });
  });

  it('describes it in the 3.9 layout: topic line, then one line per partition with Elr and LastKnownElr', async () => {
    const run = await topics(['--describe', '--bootstrap-server', cluster().bootstrap[0], '--topic', 'test']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    // The tool asks for Metadata v12 (the brokers speak it), whose answer carries the topic id.
    expect(run.stdout).toBe(`Topic: test\tTopicId: ${await topicIdInZooKeeper('test')}\tPartitionCount: 2\tReplicationFactor: 3\tConfigs: \n${await expectedPartitionLines('test')}`);
    expect(run.topics).toEqual([]);
  });
});

describe('--list', () => {
  it('prints every topic sorted (Java String order), internal topics included unless --exclude-internal', async () => {
    await admin.createTopics({ topics: [{ topic: 'Orders', numPartitions: 1, replicationFactor: 1 }, { topic: 'orders', numPartitions: 1, replicationFactor: 1 }] });
    // Looking up a group's coordinator makes the brokers create __consumer_offsets.
    await eventually('__consumer_offsets', async () => (await admin.describeGroups(['any-group'])).groups.length > 0);
    const names = await admin.listTopics();
    expect(names).toContain('__consumer_offsets');
    const sorted = [...names].sort();
    const run = await topics(['--bootstrap-server', bootstrap, '--list']);
    expect(run).toMatchObject({ exitCode: 0, stderr: '', stdout: `${sorted.join('\n')}\n` });
    expect(sorted.indexOf('Orders')).toBeLessThan(sorted.indexOf('__consumer_offsets'));
    const excluded = await topics(['--bootstrap-server', bootstrap, '--list', '--exclude-internal']);
    expect(excluded.stdout).toBe(`${sorted.filter((name) => !name.startsWith('__')).join('\n')}\n`);
  });

  it('filters with --topic as a whole-name regex, commas meaning "or"', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--list', '--topic', 'test,[oO]rders']);
    expect(run.stdout).toBe('Orders\norders\ntest\n');
    expect((await topics(['--bootstrap-server', bootstrap, '--list', '--topic', 'tes'])).stdout).toBe('\n');
  });
});

describe('--create', () => {
  it('an existing topic: TopicExistsException with the broker\'s message (stdout line, then the ERROR line)', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--create', '--topic', 'test', '--partitions', '2', '--replication-factor', '3']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("Error while executing topic command : Topic 'test' already exists.\n");
    expect(run.stderr).toBe(`${TS} ERROR org.apache.kafka.common.errors.TopicExistsException: Topic 'test' already exists.\n (org.apache.kafka.tools.TopicCommand)\n`);
    expect(run.topics).toEqual([]);
  });

  it('--if-not-exists: an existing topic is no error and prints nothing', async () => {
    expect(await topics(['--bootstrap-server', bootstrap, '--create', '--if-not-exists', '--topic', 'test'])).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('a replication factor larger than the live brokers: InvalidReplicationFactorException', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--create', '--topic', 'too-many', '--replication-factor', '4']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('Error while executing topic command : Replication factor: 4 larger than available brokers: 3.\n');
    expect(run.stderr).toBe(
      `${TS} ERROR org.apache.kafka.common.errors.InvalidReplicationFactorException: Replication factor: 4 larger than available brokers: 3.\n (org.apache.kafka.tools.TopicCommand)\n`,
    );
  });

  it('an invalid name is refused by the broker (InvalidTopicException)', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--create', '--topic', 'my topic']);
    expect(run.exitCode).toBe(1);
    const reason = "Topic name is invalid: 'my topic' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'";
    expect(run.stdout).toBe(`Error while executing topic command : ${reason}\n`);
    expect(run.stderr).toMatch(new RegExp(`^\\[2024-11-11 02:46:50,786\\] ERROR org\\.apache\\.kafka\\.common\\.errors\\.InvalidTopicException: ${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it("warns about '.' and '_' in a name before creating it", async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--create', '--topic', 'first_topic']);
    expect(run).toMatchObject({
      exitCode: 0,
      stderr: '',
      stdout:
        "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\nCreated topic first_topic.\n",
    });
  });

  it('with --config overrides and broker defaults for the counts, then --describe shows them in Configs:', async () => {
    const created = await topics(['--bootstrap-server', bootstrap, '--create', '--topic', 'tuned', '--config', 'retention.ms=86400000', '--config', 'cleanup.policy = compact']);
    expect(created).toMatchObject({ exitCode: 0, stdout: 'Created topic tuned.\n' });
    const described = await topics(['--bootstrap-server', bootstrap, '--describe', '--topic', 'tuned']);
    const configs = await admin.describeConfigs({ resources: [{ type: 2, name: 'tuned' }], includeSynonyms: false });
    const overridden = configs.resources[0].configEntries.filter((entry) => !entry.isDefault).map((entry) => entry.configName);
    expect(new Set(overridden)).toEqual(new Set(['retention.ms', 'cleanup.policy']));
    const id = await topicIdInZooKeeper('tuned');
    expect([`Topic: tuned\tTopicId: ${id}\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: cleanup.policy=compact,retention.ms=86400000`, `Topic: tuned\tTopicId: ${id}\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: retention.ms=86400000,cleanup.policy=compact`]).toContain(described.stdout.split('\n')[0]);
  });

  it('--replica-assignment places the replicas as given', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--create', '--topic', 'placed', '--replica-assignment', '3:1,1:2']);
    expect(run.stdout).toBe('Created topic placed.\n');
    const metadata = await admin.fetchTopicMetadata({ topics: ['placed'] });
    expect(metadata.topics[0].partitions.sort((a, b) => a.partitionId - b.partitionId).map((p) => p.replicas)).toEqual([
      [3, 1],
      [1, 2],
    ]);
  });
});

describe('--describe', () => {
  it('describes every topic when no --topic is given, once each', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--describe', '--exclude-internal']);
    const topicLines = run.stdout.split('\n').filter((line) => line.startsWith('Topic: '));
    const names = topicLines.map((line) => line.slice('Topic: '.length, line.indexOf('\t')));
    expect([...names].sort()).toEqual((await admin.listTopics()).filter((name) => !name.startsWith('__')).sort());
  });

  it('--topics-with-overrides prints only the topic lines of topics with a non-default config', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--describe', '--topics-with-overrides', '--exclude-internal']);
    expect(run.stdout).toMatch(new RegExp(`^Topic: tuned\tTopicId: ${await topicIdInZooKeeper('tuned')}\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: \\S+\n$`));
  });

  it('a topic that does not exist: the Optional[...] message and the stack trace the real tool prints', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--describe', '--topic', 'nope']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("Error while executing topic command : Topic 'Optional[nope]' does not exist as expected\n");
    expect(run.stderr).toBe(
      `${TS} ERROR java.lang.IllegalArgumentException: Topic 'Optional[nope]' does not exist as expected\n` +
        '\tat org.apache.kafka.tools.TopicCommand.ensureTopicExists(TopicCommand.java:218)\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicService.describeTopic(TopicCommand.java:578)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.execute(TopicCommand.java:111)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.mainNoExit(TopicCommand.java:90)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.main(TopicCommand.java:85)\n' +
        ' (org.apache.kafka.tools.TopicCommand)\n',
    );
  });

  it('--if-exists: a missing topic prints nothing and succeeds', async () => {
    expect(await topics(['--bootstrap-server', bootstrap, '--describe', '--topic', 'nope', '--if-exists'])).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('--topic-id: describes the topic with that id (Metadata v12 by id), as --topic does', async () => {
    const id = await topicIdInZooKeeper('test');
    const byId = await topics(['--bootstrap-server', bootstrap, '--describe', '--topic-id', id]);
    expect(byId).toMatchObject({ exitCode: 0, stderr: '' });
    expect(byId.stdout).toBe((await topics(['--bootstrap-server', bootstrap, '--describe', '--topic', 'test'])).stdout);
    expect(byId.stdout.startsWith(`Topic: test\tTopicId: ${id}\t`)).toBe(true);
  });

  it('--topic-id: an id no topic has is an error, or nothing with --if-exists', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--describe', '--topic-id', '8JzfuSh5QE6_biHVoDerqw']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("Error while executing topic command : TopicId '8JzfuSh5QE6_biHVoDerqw' does not exist as expected\n");
    expect(await topics(['--bootstrap-server', bootstrap, '--describe', '--topic-id', '8JzfuSh5QE6_biHVoDerqw', '--if-exists'])).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
  });
});

describe('--alter --partitions', () => {
  it('adds partitions silently, then --describe shows them', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--alter', '--topic', 'test', '--partitions', '4']);
    expect(run).toMatchObject({ exitCode: 0, stdout: '', stderr: '', topics: ['test'] });
    const described = await topics(['--bootstrap-server', bootstrap, '--describe', '--topic', 'test']);
    expect(described.stdout).toBe(`Topic: test\tTopicId: ${await topicIdInZooKeeper('test')}\tPartitionCount: 4\tReplicationFactor: 3\tConfigs: \n${await expectedPartitionLines('test')}`);
  });

  it('fewer or as many partitions: InvalidPartitionsException with the broker\'s message', async () => {
    const fewer = await topics(['--bootstrap-server', bootstrap, '--alter', '--topic', 'test', '--partitions', '3']);
    expect(fewer.exitCode).toBe(1);
    expect(fewer.stdout).toBe('Error while executing topic command : Topic currently has 4 partitions, which is higher than the requested 3.\n');
    expect(fewer.stderr).toBe(
      `${TS} ERROR org.apache.kafka.common.errors.InvalidPartitionsException: Topic currently has 4 partitions, which is higher than the requested 3.\n (org.apache.kafka.tools.TopicCommand)\n`,
    );
    const same = await topics(['--bootstrap-server', bootstrap, '--alter', '--topic', 'test', '--partitions', '4']);
    expect(same.stdout).toBe('Error while executing topic command : Topic already has 4 partitions.\n');
  });

  it('--replica-assignment places the new partitions (the entries past the current count)', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--alter', '--topic', 'placed', '--partitions', '3', '--replica-assignment', '3:1,1:2,2:3']);
    expect(run).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    const metadata = await admin.fetchTopicMetadata({ topics: ['placed'] });
    expect(metadata.topics[0].partitions.find((p) => p.partitionId === 2)?.replicas).toEqual([2, 3]);
  });

  it('a topic that does not exist', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--alter', '--topic', 'nope', '--partitions', '4']);
    expect(run.stdout).toBe("Error while executing topic command : Topic 'Optional[nope]' does not exist as expected\n");
    expect(run.stderr).toContain('\tat org.apache.kafka.tools.TopicCommand$TopicService.alterTopic(TopicCommand.java:512)\n\tat org.apache.kafka.tools.TopicCommand.execute(TopicCommand.java:107)\n');
    expect((await topics(['--bootstrap-server', bootstrap, '--alter', '--topic', 'nope', '--partitions', '4', '--if-exists'])).exitCode).toBe(0);
  });
});

describe('--delete', () => {
  it('deletes silently; the topic is gone from --list', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--delete', '--topic', 'first_topic']);
    expect(run).toMatchObject({ exitCode: 0, stdout: '', stderr: '', topics: ['first_topic'] });
    await eventually('first_topic deleted', async () => !(await topics(['--bootstrap-server', bootstrap, '--list'])).stdout.split('\n').includes('first_topic'));
  });

  it('a topic that does not exist, and --if-exists', async () => {
    const run = await topics(['--bootstrap-server', bootstrap, '--delete', '--topic', 'nope']);
    expect(run.stdout).toBe("Error while executing topic command : Topic 'Optional[nope]' does not exist as expected\n");
    expect(run.stderr).toContain('\tat org.apache.kafka.tools.TopicCommand$TopicService.deleteTopic(TopicCommand.java:656)\n\tat org.apache.kafka.tools.TopicCommand.execute(TopicCommand.java:113)\n');
    expect(await topics(['--bootstrap-server', bootstrap, '--delete', '--topic', 'nope', '--if-exists'])).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
  });
});

describe('a bootstrap server nobody listens on', () => {
  const config = { 'client.properties': 'default.api.timeout.ms=3000\nrequest.timeout.ms=3000\n' };

  it.each([
    ['--list', 'listTopics'],
    ['--create', 'createTopics'],
  ])('%s: WARN lines while it retries, then the node-assignment timeout after default.api.timeout.ms', async (action, call) => {
    const port = await deadPort();
    const args = ['--bootstrap-server', `localhost:${port}`, action, '--command-config', 'client.properties', ...(action === '--create' ? ['--topic', 't'] : [])];
    const started = Date.now();
    const run = await topics(args, config);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe(`Error while executing topic command : Timed out waiting for a node assignment. Call: ${call}\n`);
    expect(run.stderr).toBe(
      `${TS} WARN [AdminClient clientId=adminclient-1] Connection to node -1 (localhost/127.0.0.1:${port}) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)\n` +
        `${TS} ERROR org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: ${call}\n (org.apache.kafka.tools.TopicCommand)\n`,
    );
  });

  it('repeats the WARN line with the reconnect backoff on a real clock', async () => {
    const port = await deadPort();
    const env = testToolEnvironment({ files: config });
    const run = await runCommand(kafkaTopicsCommand, ['--bootstrap-server', `localhost:${port}`, '--list', '--command-config', 'client.properties'], { env });
    const warnings = run.stderr.split('\n').filter((line) => line.includes(' WARN '));
    // 50, 100, 200, 400, 800 ms, then every second: about 7 attempts in 3 s.
    expect(warnings.length).toBeGreaterThanOrEqual(5);
    expect(warnings.length).toBeLessThanOrEqual(9);
  });

  it('Ctrl-C ends the tool at once with status 130 and nothing more printed', async () => {
    const port = await deadPort();
    const controller = new AbortController();
    const run = await runCommand(kafkaTopicsCommand, ['--bootstrap-server', `localhost:${port}`, '--list'], {
      env: testToolEnvironment({ now: NOW }),
      signal: controller.signal,
      onOutput: (stream, text) => {
        if (stream === 'stderr' && text.includes(' WARN ')) controller.abort();
      },
    });
    expect(run.exitCode).toBe(130);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('with a broker down', () => {
  it('--under-replicated-partitions and --unavailable-partitions show what the controller did', async () => {
    expect((await topics(['--bootstrap-server', bootstrap, '--create', '--topic', 'on-three', '--replica-assignment', '3'])).exitCode).toBe(0);
    expect((await topics(['--bootstrap-server', bootstrap, '--create', '--topic', 'everywhere', '--partitions', '3', '--replication-factor', '3'])).exitCode).toBe(0);
    await cluster().stop(3);
    const live = cluster().liveBootstrap.join(',');
    const unavailable = await eventually('on-three without a leader', async () => {
      const run = await topics(['--bootstrap-server', live, '--describe', '--unavailable-partitions', '--topic', 'on-three,everywhere']);
      return run.stdout.includes('Leader: none') ? run : undefined;
    });
    expect(unavailable.stdout).toMatch(/^\tTopic: on-three\tPartition: 0\tLeader: none\tReplicas: 3\tIsr: 3?\tElr: N\/A\tLastKnownElr: N\/A\n$/);

    const underReplicated = await eventually('ISRs without broker 3', async () => {
      const run = await topics(['--bootstrap-server', live, '--describe', '--under-replicated-partitions', '--topic', 'everywhere']);
      return run.stdout.split('\n').filter(Boolean).length === 3 ? run : undefined;
    });
    for (const line of underReplicated.stdout.split('\n').filter(Boolean)) {
      expect(line).toMatch(/^\tTopic: everywhere\tPartition: \d\tLeader: [12]\tReplicas: [123],[123],[123]\tIsr: [12](,[12])?\tElr: N\/A\tLastKnownElr: N\/A$/);
    }
    // The whole description still works with a leaderless partition (kafkajs' metadata refresh would fail here).
    const all = await topics(['--bootstrap-server', live, '--describe', '--topic', 'on-three']);
    expect(all.stdout.split('\n')[0]).toBe(`Topic: on-three\tTopicId: ${await topicIdInZooKeeper('on-three')}\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: `);
    await cluster().start(3);
  });
});
