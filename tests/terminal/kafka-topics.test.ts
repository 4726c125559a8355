/**
 * kafka-topics against a real embedded cluster (three brokers on loopback): the seed's commands,
 * the layouts of --list and --describe, the broker's errors with Kafka 3.9's wording and streams,
 * --alter and --delete, and NetworkClient's WARN lines for a dead bootstrap server.
 *
 * What the output must say about partitions (leaders, replicas, ISR) is read independently with
 * kafkajs, so the tests check our formatting against the cluster's own state.
 */
import kafkajs from 'kafkajs';
import type { Admin } from 'kafkajs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/terminal/testing/run-command.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { kafkaTopicsCommand } from '../../src/terminal/tools/kafka-topics/kafka-topics-command.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

const { Kafka, logLevel } = kafkajs;

/** 2024-11-11 02:46:50,786 UTC: log lines get this timestamp (the test environment is UTC). */
const NOW = Date.UTC(2024, 10, 11, 2, 46, 50, 786);
const TS = '[2024-11-11 02:46:50,786]';

let cluster: KafkaTestCluster;
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

/** A loopback port with nothing listening. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  cluster = await startKafkaTestCluster();
  bootstrap = cluster.bootstrap.join(',');
  admin = new Kafka({ brokers: cluster.bootstrap, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await cluster?.close();
});

describe('the seed commands', () => {
  it('creates the topic: "Created topic test." on stdout', async () => {
    const run = await topics(['--bootstrap-server', cluster.bootstrap[0], '--create', '--topic', 'test', '--partitions', '2', '--replication-factor', '3']);
    expect(run).toMatchObject({ exitCode: 0, stdout: 'Created topic test.\n', stderr: '', topics: ['test'] });
  });

  it('describes it in the 3.9 layout: topic line, then one line per partition with Elr and LastKnownElr', async () => {
    const run = await topics(['--describe', '--bootstrap-server', cluster.bootstrap[0], '--topic', 'test']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    // Our brokers answer Metadata up to v6, which carries no topic id: the Java tool leaves TopicId out then.
    expect(run.stdout).toBe(`Topic: test\tPartitionCount: 2\tReplicationFactor: 3\tConfigs: \n${await expectedPartitionLines('test')}`);
    expect(run.topics).toEqual([]);
  });
});
