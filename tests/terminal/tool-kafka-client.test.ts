/**
 * The tools' kafkajs client runs over the tool environment's transport, and a node that cannot be
 * reached shows as NetworkClient's WARN line on stderr (Kafka 3.9 wording).
 */
import { describe, expect, it } from 'vitest';
import { deadPort } from '../../src/terminal/testing/dead-port.ts';
import { testCommandContext } from '../../src/terminal/testing/run-command.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { createToolKafka } from '../../src/terminal/tools/kafka/tool-kafka-client.ts';
import { suiteCluster } from './support/suite-cluster.ts';

const contextWithStderr = () => testCommandContext(['test'], { env: testToolEnvironment({ now: Date.UTC(2024, 10, 11, 2, 46, 50, 786) }) });


describe('createToolKafka', () => {
  const cluster = suiteCluster();

  it('talks to the brokers through the environment transport', async () => {
    const { context, stderr } = contextWithStderr();
    const { kafka } = createToolKafka(context, { bootstrapServers: cluster().bootstrap, clientId: 'adminclient-1', logContext: '[AdminClient clientId=adminclient-1] ' });
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
