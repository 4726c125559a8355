/**
 * kafka-get-offsets against the embedded cluster: records written by kafkajs with known timestamps, then
 * the tool's `topic:partition:offset` lines for latest, earliest, a timestamp, the filters, and what a
 * broker without ListOffsets v7 says to max-timestamp (KAFKA_CLI.md 9).
 */
import type { Kafka } from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/terminal/testing/run-command.ts';
import { deadPort } from '../../src/terminal/testing/dead-port.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { kafkaGetOffsets } from '../../src/terminal/tools/kafka-get-offsets/kafka-get-offsets.ts';
import { createTopic, kafkaClient } from '../support/kafka-clients.ts';
import { suiteCluster } from './support/suite-cluster.ts';

const NOW = Date.UTC(2024, 10, 11, 2, 46, 50, 786);
/** Record timestamps per partition of `orders` (partition 2 stays empty). */
const STAMPS = [[1000, 2000, 3000], [1500, 2500, 3500, 4500, 5500], []];

const cluster = suiteCluster();
let kafka: Kafka;

const run = (...args: string[]) => runCommand(kafkaGetOffsets, ['--bootstrap-server', cluster().bootstrap.join(','), ...args], { env: testToolEnvironment({ now: NOW }) });

beforeAll(async () => {
  kafka = kafkaClient(cluster(), 'get-offsets-test');
  await createTopic(cluster(), 'orders', 3, 3);
  await createTopic(cluster(), 'wide', 11, 1);
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (const [partition, stamps] of STAMPS.entries()) {
      for (const stamp of stamps) await producer.send({ topic: 'orders', messages: [{ partition, value: `at ${stamp}`, timestamp: String(stamp) }] });
    }
    await producer.send({ topic: 'wide', messages: Array.from({ length: 11 }, (_, partition) => ({ partition, value: 'x' })) });
  } finally {
    await producer.disconnect();
  }
}, 60_000);

describe('kafka-get-offsets', () => {
  it('prints the latest offset of every partition of a topic', async () => {
    expect(await run('--topic', 'orders')).toEqual({ exitCode: 0, stdout: 'orders:0:3\norders:1:5\norders:2:0\n', stderr: '', topics: [] });
    expect((await run('--topic', 'orders', '--time', '-1')).stdout).toBe('orders:0:3\norders:1:5\norders:2:0\n');
  });

  it('--time earliest / -2 gives the log start', async () => {
    expect((await run('--topic', 'orders', '--time', 'earliest')).stdout).toBe('orders:0:0\norders:1:0\norders:2:0\n');
    expect((await run('--topic', 'orders', '--time', '-2')).stdout).toBe('orders:0:0\norders:1:0\norders:2:0\n');
  });

  it('--time <ms> gives the first offset at or after it, leaving out partitions with none', async () => {
    expect((await run('--topic', 'orders', '--time', '2000')).stdout).toBe('orders:0:1\norders:1:1\n');
    expect((await run('--topic', 'orders', '--time', '5000')).stdout).toBe('orders:1:4\n');
  });

  it('filters with --partitions and --topic-partitions, and sorts t-10 before t-2', async () => {
    expect((await run('--topic', 'orders', '--partitions', '0,2')).stdout).toBe('orders:0:3\norders:2:0\n');
    expect((await run('--topic-partitions', 'orders:1-3')).stdout).toBe('orders:1:5\norders:2:0\n');
    const wide = await run('--topic', 'wide');
    expect(wide.stdout.split('\n').slice(0, 4)).toEqual(['wide:0:1', 'wide:1:1', 'wide:10:1', 'wide:2:1']);
  });

  it('says when nothing matches', async () => {
    expect(await run('--topic', 'nope.*')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'Error occurred: Could not match any topic-partitions with the specified filters\n',
      topics: [],
    });
  });

  it('skips every partition for max-timestamp: the brokers answer ListOffsets up to v3 only', async () => {
    const result = await run('--topic', 'orders', '--time', 'max-timestamp');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    for (const partition of [0, 1, 2]) {
      expect(result.stderr).toContain(
        `Skip getting offsets for topic-partition orders-${partition} due to error: org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support LIST_OFFSETS with version in range [7,9]. The supported range is [0,3].\n`,
      );
    }
    expect(result.stderr).toMatch(/^\[2024-11-11 02:46:50,786\] WARN \[AdminClient clientId=GetOffsetShell\] Broker \d does not support MAX_TIMESTAMP offset specs \(org\.apache\.kafka\.clients\.admin\.internals\.ListOffsetsHandler\)\n/);
  });

  it('warns about a dead bootstrap server, then fails after default.api.timeout.ms', async () => {
    const port = await deadPort();
    const result = await runCommand(kafkaGetOffsets, ['--bootstrap-server', `localhost:${port}`, '--command-config', 'admin.properties'], {
      env: testToolEnvironment({ now: NOW, files: { 'admin.properties': 'default.api.timeout.ms=1500\n' } }),
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `[2024-11-11 02:46:50,786] WARN [AdminClient clientId=GetOffsetShell] Connection to node -1 (localhost/127.0.0.1:${port}) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)\n`,
    );
    expect(result.stderr).toContain(
      'Error occurred: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listTopics\n' +
        'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listTopics\n\tat ',
    );
  });
});

describe('kafka-get-offsets with a partition that has no leader', () => {
  it('still answers for the other topics, and skips the leaderless partition after the timeout', async () => {
    await createTopic(cluster(), 'lonely', 1, 1);
    const admin = kafka.admin();
    await admin.connect();
    let leader: number;
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: ['lonely'] });
      leader = metadata.topics[0].partitions[0].leader;
    } finally {
      await admin.disconnect();
    }
    await cluster().stop(leader);
    const env = testToolEnvironment({ now: NOW, files: { 'admin.properties': 'default.api.timeout.ms=1500\n' } });
    const bootstrap = cluster().liveBootstrap.join(',');
    const orders = await runCommand(kafkaGetOffsets, ['--bootstrap-server', bootstrap, '--topic', 'orders', '--command-config', 'admin.properties'], { env });
    expect(orders).toMatchObject({ exitCode: 0, stdout: 'orders:0:3\norders:1:5\norders:2:0\n' });
    const lonely = await runCommand(kafkaGetOffsets, ['--bootstrap-server', bootstrap, '--topic', 'lonely', '--command-config', 'admin.properties'], { env });
    expect(lonely).toMatchObject({
      exitCode: 0,
      stdout: '',
      stderr:
        'Skip getting offsets for topic-partition lonely-0 due to error: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listOffsets(api=METADATA)\n',
    });
  });
});
