/**
 * kafka-consumer-groups against the embedded cluster, with groups made by kafkajs consumers in the test:
 * `stopped` (consumed, committed, left: Empty) and `running` (a member that stays). The tables are
 * compared byte for byte with what Kafka 3.9's tool prints for the same offsets (KAFKA_CLI.md 5.2-5.7).
 */
import type { Consumer, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/terminal/testing/run-command.ts';
import { deadPort } from '../../src/terminal/testing/dead-port.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { kafkaConsumerGroups } from '../../src/terminal/tools/kafka-consumer-groups/kafka-consumer-groups.ts';
import { createTopic, kafkaClient, waitUntil } from '../support/kafka-clients.ts';
import { coordinatorId, startGroupTestCluster } from '../support/kafka-cluster.ts';
import { suiteCluster } from './support/suite-cluster.ts';

const NOW = Date.UTC(2024, 10, 11, 2, 46, 50, 786);
const TOPIC = 'test';
/** Records written to partitions 0, 1, 2 before the groups consume. */
const WRITTEN = [3, 5, 1];

const cluster = suiteCluster(() => startGroupTestCluster());
let kafka: Kafka;
let running: Consumer;
let runningMemberId: string;

const run = (...args: string[]) => runCommand(kafkaConsumerGroups, ['--bootstrap-server', cluster().bootstrap.join(','), ...args], { env: testToolEnvironment({ now: NOW }) });

async function produce(counts: readonly number[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (const [partition, count] of counts.entries()) {
      if (count > 0) await producer.send({ topic: TOPIC, messages: Array.from({ length: count }, (_, i) => ({ partition, value: `m${partition}-${i}` })) });
    }
  } finally {
    await producer.disconnect();
  }
}

/** A consumer of `TOPIC` in `groupId` that has read (and committed) everything written so far. */
async function caughtUpConsumer(groupId: string, clientId: string): Promise<Consumer> {
  const consumer = kafkaClient(cluster(), clientId).consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  let seen = 0;
  await consumer.run({ autoCommitThreshold: 1, eachMessage: async () => void seen++ });
  const total = WRITTEN.reduce((a, b) => a + b, 0);
  await waitUntil(`${groupId} to read ${total} records`, () => seen >= total);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitUntil(`${groupId} to commit`, async () => {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [TOPIC] });
      return offsets.partitions.every((p) => Number(p.offset) === WRITTEN[p.partition]);
    });
  } finally {
    await admin.disconnect();
  }
  return consumer;
}


beforeAll(async () => {
  kafka = kafkaClient(cluster(), 'groups-test');
  await createTopic(cluster(), TOPIC, 3, 3);
  await produce(WRITTEN);
  const stopped = await caughtUpConsumer('stopped', 'stopped-client');
  await stopped.disconnect();
  running = await caughtUpConsumer('running', 'running-client');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups(['running']);
    runningMemberId = groups[0].members[0].memberId;
  } finally {
    await admin.disconnect();
  }
  // Two more records in partition 1 after both groups read: a lag of 2 for the stopped group; the running one reads them.
  await produce([0, 2, 0]);
  const admin2 = kafka.admin();
  await admin2.connect();
  try {
    await waitUntil('running to commit the new records', async () => {
      const [offsets] = await admin2.fetchOffsets({ groupId: 'running', topics: [TOPIC] });
      return offsets.partitions.find((p) => p.partition === 1)?.offset === '7';
    });
  } finally {
    await admin2.disconnect();
  }
}, 90_000);

afterAll(async () => {
  await running?.disconnect();
});

describe('kafka-consumer-groups --list', () => {
  it('prints the group ids, one per line', async () => {
    const result = await run('--list');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean).sort()).toEqual(['running', 'stopped']);
    expect(result.stderr).toBe('');
  });

  it('--state adds the state column (GROUP max(15, longest) + 10 wide) and filters', async () => {
    const all = await run('--list', '--state');
    expect(all.stdout.split('\n')[0]).toBe(`${'GROUP'.padEnd(25)} ${'STATE'.padEnd(20)}`);
    expect(all.stdout).toContain(`${'running'.padEnd(25)} ${'Stable'.padEnd(20)}\n`);
    expect(all.stdout).toContain(`${'stopped'.padEnd(25)} ${'Empty'.padEnd(20)}\n`);
    const empty = await run('--list', '--state', 'empty');
    expect(empty.stdout).toBe(`${'GROUP'.padEnd(25)} ${'STATE'.padEnd(20)}\n${'stopped'.padEnd(25)} ${'Empty'.padEnd(20)}\n`);
  });
});

describe('kafka-consumer-groups --describe', () => {
  it('shows an Empty group with - for the owner, a note on stderr, rows in HashMap order (1, 0, 2)', async () => {
    const result = await run('--describe', '--group', 'stopped');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("\nConsumer group 'stopped' has no active members.\n");
    expect(result.stdout).toBe(
      '\n' +
        'GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID\n' +
        'stopped         test            1          5               7               2               -               -               -\n' +
        'stopped         test            0          3               3               0               -               -               -\n' +
        'stopped         test            2          1               1               0               -               -               -\n',
    );
  });

  it('shows a running member as its consumer id, /host and client id', async () => {
    const result = await run('--describe', '--group', 'running');
    expect(result.stderr).toBe('');
    const idWidth = Math.max(15, runningMemberId.length);
    const row = (partition: number, current: number, end: number) =>
      `running         test            ${String(partition).padEnd(10)} ${String(current).padEnd(15)} ${String(end).padEnd(15)} ${String(end - current).padEnd(15)} ${runningMemberId.padEnd(idWidth)} /127.0.0.1      running-client`;
    expect(result.stdout).toBe(
      `\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             ${'CONSUMER-ID'.padEnd(idWidth)} HOST            CLIENT-ID\n` +
        `${row(1, 7, 7)}\n${row(0, 3, 3)}\n${row(2, 1, 1)}\n`,
    );
  });

  it('--members [--verbose] lists the members and their partitions', async () => {
    const idWidth = Math.max(15, runningMemberId.length);
    const members = await run('--describe', '--group', 'running', '--members');
    expect(members.stdout).toBe(
      `\nGROUP           ${'CONSUMER-ID'.padEnd(idWidth)} HOST            CLIENT-ID       #PARTITIONS     \n` +
        `running         ${runningMemberId.padEnd(idWidth)} /127.0.0.1      running-client  3               \n`,
    );
    const verbose = await run('--describe', '--group', 'running', '--members', '--verbose');
    expect(verbose.stdout.split('\n')[1]).toMatch(/#PARTITIONS {5}ASSIGNMENT$/);
    expect(verbose.stdout.split('\n')[2]).toMatch(/ 3 {15}\(0,1,2\)$/);
    const empty = await run('--describe', '--group', 'stopped', '--members');
    expect(empty.stderr).toBe("\nConsumer group 'stopped' has no active members.\n");
    expect(empty.stdout).toBe('\nGROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     \n');
  });

  it('--state names the coordinator as host:port  (id)', async () => {
    const result = await run('--describe', '--group', 'running', '--state');
    const id = coordinatorId(cluster(), 'running');
    const coordinator = `127.0.0.1:${cluster().broker(id!).port}  (${id})`;
    expect(result.stdout).toBe(
      `\n${'GROUP'.padEnd(25)} COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE           #MEMBERS` +
        `\n${'running'.padEnd(25)} ${coordinator.padEnd(25)} ${'RoundRobinAssigner'.padEnd(20)} Stable          1\n`,
    );
  });

  it('says a group that does not exist does not exist (stdout, exit 0)', async () => {
    const result = await run('--describe', '--group', 'nope');
    expect(result).toMatchObject({ exitCode: 0, stdout: "\nError: Consumer group 'nope' does not exist.\n", stderr: '' });
  });

  it('--all-groups prints one table per group, sorted by group id', async () => {
    const result = await run('--describe', '--all-groups');
    expect(result.stdout.indexOf('\nrunning ')).toBeLessThan(result.stdout.indexOf('\nstopped '));
    expect(result.stderr).toBe("\nConsumer group 'stopped' has no active members.\n");
  });
});

describe('kafka-consumer-groups --reset-offsets', () => {
  it('plans without --execute, with the WARN line, and changes nothing', async () => {
    const result = await run('--reset-offsets', '--group', 'stopped', '--topic', TOPIC, '--to-earliest');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/^WARN: No action will be performed as the --execute option is missing\.In a future major release/);
    expect(result.stdout).toBe(
      '\nGROUP                          TOPIC                          PARTITION  NEW-OFFSET     ' +
        '\nstopped                        test                           1          0              ' +
        '\nstopped                        test                           0          0              ' +
        '\nstopped                        test                           2          0              \n',
    );
    const after = await run('--describe', '--group', 'stopped');
    expect(after.stdout).toContain('stopped         test            1          5 ');
  });

  it('clamps --to-offset past the end with a WARN per partition', async () => {
    const result = await run('--reset-offsets', '--group', 'stopped', '--topic', `${TOPIC}:1`, '--to-offset', '100', '--dry-run');
    expect(result.stderr).toBe(
      '[2024-11-11 02:46:50,786] WARN New offset (100) is higher than latest offset for topic partition test-1. Value will be set to 7 (org.apache.kafka.tools.consumer.group.ConsumerGroupCommand)\n',
    );
    expect(result.stdout).toContain('\nstopped                        test                           1          7              \n');
  });

  it('--shift-by moves from the committed offsets; --execute commits them', async () => {
    const result = await run('--reset-offsets', '--group', 'stopped', '--topic', TOPIC, '--shift-by', '-1', '--execute');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.topics).toEqual([TOPIC]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId: 'stopped', topics: [TOPIC] });
      expect(Object.fromEntries(offsets.partitions.map((p) => [p.partition, Number(p.offset)]))).toEqual({ 0: 2, 1: 4, 2: 0 });
    } finally {
      await admin.disconnect();
    }
    const latest = await run('--reset-offsets', '--group', 'stopped', '--all-topics', '--to-latest', '--execute');
    expect(latest.stdout).toContain('\nstopped                        test                           1          7              ');
  });

  it('--to-datetime after the last record falls back to the log end with a Warn line', async () => {
    const result = await run('--reset-offsets', '--group', 'stopped', '--topic', `${TOPIC}:2`, '--to-datetime', '2999-01-01T00:00:00.000', '--dry-run');
    expect(result.stdout).toBe(
      '\nWarn: Partition 2 from topic test is empty. Falling back to latest known offset.\n' +
        '\nGROUP                          TOPIC                          PARTITION  NEW-OFFSET     ' +
        '\nstopped                        test                           2          1              \n',
    );
    const byDuration = await run('--reset-offsets', '--group', 'stopped', '--topic', `${TOPIC}:0`, '--by-duration', 'P3650D', '--dry-run');
    expect(byDuration.stdout).toContain('\nstopped                        test                           0          0              \n');
  });

  it('refuses a group with members', async () => {
    const result = await run('--reset-offsets', '--group', 'running', '--topic', TOPIC, '--to-earliest', '--execute');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      "\nError: Assignments can only be reset if the group 'running' is inactive, but the current state is Stable.\n" +
        '\nGROUP                          TOPIC                          PARTITION  NEW-OFFSET     \n',
    );
  });

  it('reports a topic that does not exist as the admin failure it is', async () => {
    const result = await run('--reset-offsets', '--group', 'stopped', '--topic', 'missing', '--to-earliest', '--dry-run');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      '\nError: Executing consumer group command failed due to java.util.concurrent.ExecutionException: ' +
        'org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.\n',
    );
    expect(result.stderr).toMatch(/^java\.lang\.RuntimeException: java\.util\.concurrent\.ExecutionException: /);
    expect(result.stderr).toContain('\nCaused by: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.\n');
  });
});

describe('kafka-consumer-groups --delete', () => {
  it("refuses an active group, with the admin client's exception", async () => {
    const result = await run('--delete', '--group', 'running');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      '\nError: Deletion of some consumer groups failed:\n' +
        "* Group 'running' could not be deleted due to: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.\n",
    );
  });

  it('deletes an empty group, which then does not exist', async () => {
    const result = await run('--delete', '--group', 'stopped');
    expect(result).toMatchObject({ exitCode: 0, stdout: "Deletion of requested consumer groups ('stopped') was successful.\n", stderr: '' });
    const described = await run('--describe', '--group', 'stopped');
    expect(described.stdout).toBe("\nError: Consumer group 'stopped' does not exist.\n");
    const again = await run('--delete', '--group', 'stopped');
    expect(again.stdout).toContain("* Group 'stopped' could not be deleted due to: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.GroupIdNotFoundException: The group id does not exist.\n");
  });
});

describe('kafka-consumer-groups --delete-offsets', () => {
  it('prints what 3.9 prints against brokers without OffsetDelete (the embedded ones)', async () => {
    const result = await run('--delete-offsets', '--group', 'running', '--topic', TOPIC, '--topic', 'missing');
    expect(result.exitCode).toBe(0);
    const unsupported = 'Error: :org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support OFFSET_DELETE';
    expect(result.stdout).toBe(
      '\nError: Encounter some unknown error: UNSUPPORTED_VERSION\n' +
        '\nTOPIC                          PARTITION       STATUS         ' +
        '\nmissing                        Not Provided    Error: :org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.' +
        `\ntest                           0               ${unsupported}` +
        `\ntest                           1               ${unsupported}` +
        `\ntest                           2               ${unsupported}\n`,
    );
  });
});

describe('kafka-consumer-groups against a dead bootstrap server', () => {
  it('--list fails with the admin client\'s ListGroups failure', async () => {
    const port = await deadPort();
    const result = await runCommand(kafkaConsumerGroups, ['--bootstrap-server', `127.0.0.1:${port}`, '--list', '--timeout', '1000'], { env: testToolEnvironment({ now: NOW }) });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      '\nError: Executing consumer group command failed due to java.util.concurrent.ExecutionException: org.apache.kafka.common.KafkaException: Failed to find brokers to send ListGroups\n',
    );
    expect(result.stderr).toContain(`WARN [AdminClient clientId=adminclient-1] Connection to node -1 (/127.0.0.1:${port}) could not be established.`);
    expect(result.stderr).toContain('Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: findAllBrokers\n');
  });

  it('ends at Ctrl-C with status 130 and nothing more, as the JVM does on SIGINT', async () => {
    const port = await deadPort();
    const controller = new AbortController();
    const result = await runCommand(kafkaConsumerGroups, ['--bootstrap-server', `127.0.0.1:${port}`, '--describe', '--group', 'g', '--timeout', '60000'], {
      env: testToolEnvironment({ now: NOW }),
      signal: controller.signal,
      onOutput: (stream, text) => {
        if (stream === 'stderr' && text.includes('could not be established')) controller.abort();
      },
    });
    expect(result.exitCode).toBe(130);
    expect(result.stdout).toBe('');
  });

  it('warns about the node, then fails the call after --timeout', async () => {
    const port = await deadPort();
    const result = await runCommand(kafkaConsumerGroups, ['--bootstrap-server', `localhost:${port}`, '--describe', '--group', 'g', '--timeout', '1500'], {
      env: testToolEnvironment({ now: NOW }),
    });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(
      `[2024-11-11 02:46:50,786] WARN [AdminClient clientId=adminclient-1] Connection to node -1 (localhost/127.0.0.1:${port}) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)\n`,
    );
    expect(result.stdout).toBe(
      '\nError: Executing consumer group command failed due to org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeConsumerGroups(api=FIND_COORDINATOR)\n',
    );
    expect(result.stderr).toContain('java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeConsumerGroups(api=FIND_COORDINATOR)\n\tat ');
  });
});
