/** kafkajs and kcat as the Kafka tests use them: quiet, bounded, with small waiting helpers. */
import { spawn } from 'node:child_process';
import { Kafka, logLevel, type RetryOptions } from 'kafkajs';
import '../../src/terminal/tools/kafka/kafkajs-compression-codecs.ts';
import type { KafkaTestCluster } from './kafka-cluster.ts';
import { KCAT } from './peers.ts';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

/** A kafkajs client for the running brokers of the cluster (set KAFKALAB_TEST_LOG=1 to see its warnings). */
export function kafkaClient(cluster: KafkaTestCluster, clientId: string, retry: RetryOptions = { retries: 10, initialRetryTime: 200, maxRetryTime: 2000 }): Kafka {
  return new Kafka({
    clientId,
    brokers: cluster.liveBootstrap,
    logLevel: process.env.KAFKALAB_TEST_LOG === 'debug' ? logLevel.DEBUG : process.env.KAFKALAB_TEST_LOG ? logLevel.WARN : logLevel.NOTHING,
    retry,
  });
}

/** Polls `condition` until it holds; fails with `what` and the last value seen. */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, describe?: () => unknown): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `; last seen: ${JSON.stringify(describe())}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface KcatResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs kcat with `args` (and `input` on stdin), killed after `timeoutMs`. */
export function runKcat(args: string[], timeoutMs = 30_000, input?: string): Promise<KcatResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(KCAT, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

/** Creates a topic through the admin API and waits until it exists. */
export async function createTopic(cluster: KafkaTestCluster, topic: string, numPartitions: number, replicationFactor: number): Promise<void> {
  const admin = kafkaClient(cluster, 'setup').admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor }] });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Makes `__consumer_offsets` exist, every partition led, as on a cluster that has already served a group.
 * Kafka creates it with the first group's coordinator lookup and, with `offsets.topic.replication.factor` 3,
 * cannot while a broker is down: a test that reads through a consumer group after stopping a broker calls
 * this first.
 */
export async function createOffsetsTopic(cluster: KafkaTestCluster): Promise<void> {
  const admin = kafkaClient(cluster, 'offsets-topic').admin();
  await admin.connect();
  try {
    // A coordinator lookup for a group with no members creates the topic; kafkajs retries until it is led.
    await admin.describeGroups(['kafkalab-test-offsets-topic']);
    await waitUntil('every __consumer_offsets partition led', async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: ['__consumer_offsets'] });
      return topics[0].partitions.every((partition) => partition.leader >= 0);
    });
  } finally {
    await admin.disconnect();
  }
}
