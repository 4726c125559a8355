/**
 * The tools' kafkajs client runs over the tool environment's transport, and a node that cannot be
 * reached shows as NetworkClient's WARN line on stderr (Kafka 3.9 wording).
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext, OutputStream } from '../../src/terminal/command.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { createToolKafka } from '../../src/terminal/tools/kafka/tool-kafka-client.ts';
import { startKafkaTestCluster, type KafkaTestCluster } from '../support/kafka-cluster.ts';

function contextWithStderr(): { context: CommandContext; stderr: () => string } {
  let text = '';
  const stderr: OutputStream = {
    closed: false,
    write: async (chunk) => {
      text += chunk;
    },
  };
  const context: CommandContext = {
    argv: ['test'],
    stdin: { isTerminal: false, readLine: async () => null },
    stdout: { closed: false, write: async () => {} },
    stderr,
    signal: new AbortController().signal,
    env: testToolEnvironment({ now: Date.UTC(2024, 10, 11, 2, 46, 50, 786) }),
    columns: 80,
    touchedTopic: () => {},
  };
  return { context, stderr: () => text };
}

/** A loopback port with nothing listening (bound, then closed). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('createToolKafka', () => {
  let cluster: KafkaTestCluster;
  beforeAll(async () => {
    cluster = await startKafkaTestCluster();
  });
  afterAll(async () => {
    await cluster?.[Symbol.asyncDispose]();
  });

  it('talks to the brokers through the environment transport', async () => {
    const { context, stderr } = contextWithStderr();
    const { kafka } = createToolKafka(context, { bootstrapServers: cluster.bootstrap, clientId: 'adminclient-1', logContext: '[AdminClient clientId=adminclient-1] ' });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'via-transport', numPartitions: 2, replicationFactor: 3 }] });
      const metadata = await admin.fetchTopicMetadata({ topics: ['via-transport'] });
      expect(metadata.topics[0].partitions).toHaveLength(2);
    } finally {
      await admin.disconnect();
    }
    expect(stderr()).toBe('');
  });

  it("prints NetworkClient's WARN for a bootstrap server that refuses connections", async () => {
    const port = await deadPort();
    const { context, stderr } = contextWithStderr();
    const { kafka } = createToolKafka(context, { bootstrapServers: [`localhost:${port}`], clientId: 'adminclient-1', logContext: '[AdminClient clientId=adminclient-1] ', retries: 0 });
    const admin = kafka.admin();
    await expect(admin.connect()).rejects.toThrow();
    await admin.disconnect();
    expect(stderr().split('\n')[0]).toBe(
      `[2024-11-11 02:46:50,786] WARN [AdminClient clientId=adminclient-1] Connection to node -1 (localhost/127.0.0.1:${port}) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)`,
    );
  });
});
