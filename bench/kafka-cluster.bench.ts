/**
 * The embedded Kafka cluster's figures: cold start (3 ZooKeeper nodes serving, a controller elected, 3
 * brokers registered), RSS of the whole cluster, kafkajs produce/consume throughput (acks=all, RF 3,
 * 1 KB values), and the time from stopping broker 2 until an acks=all produce to a partition it led
 * succeeds. Goals: start < 1 s, memory < 150 MB, failover < 2 s.
 *
 *   sh scripts/with-node.sh node bench/kafka-cluster.bench.ts
 */
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import kafkajs from 'kafkajs';
import { KafkaBroker } from '../src/cluster/kafka/kafka-broker.ts';
import { silentLogger } from '../src/cluster/logger.ts';
import { TcpTransport } from '../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperEnsemble } from '../src/cluster/zookeeper/zookeeper-ensemble.ts';

const { Kafka, logLevel } = kafkajs;

const MESSAGES = 20_000;
const BATCH = 200;
const VALUE = 'x'.repeat(1024);

/** A full GC, to tell live memory from garbage the process has not returned yet. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function main(): Promise<void> {
  const transport = new TcpTransport();
  const rssBefore = process.memoryUsage().rss;

  const zkStarted = performance.now();
  const ensemble = await ZooKeeperEnsemble.start({ transport, clientPorts: [0, 0, 0], logger: silentLogger });
  const zkReady = performance.now();
  const brokersStarted = performance.now();
  const brokers = await Promise.all(
    [1, 2, 3].map((id) =>
      KafkaBroker.start({ id, transport, port: 0, zookeeperConnect: ensemble.connectString(), logger: silentLogger }),
    ),
  );
  const coldStart = performance.now();
  const controller = brokers.find((b) => b.status().controller)?.id;
  const rssIdle = process.memoryUsage().rss;
  console.log(`cold start: ZooKeeper ${(zkReady - zkStarted).toFixed(0)} ms + brokers ${(coldStart - brokersStarted).toFixed(0)} ms = ${(coldStart - zkStarted).toFixed(0)} ms (controller: broker ${controller})`);

  const kafka = new Kafka({ clientId: 'bench', brokers: brokers.map((b) => `127.0.0.1:${b.port}`), logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 50, maxRetryTime: 500 } });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'bench', numPartitions: 3, replicationFactor: 3 }] });

  const producer = kafka.producer();
  await producer.connect();
  const produceStarted = performance.now();
  for (let sent = 0; sent < MESSAGES; sent += BATCH) {
    await producer.send({ topic: 'bench', acks: -1, messages: Array.from({ length: BATCH }, (_, i) => ({ key: String((sent + i) % 64), value: VALUE })) });
  }
  const produceSeconds = (performance.now() - produceStarted) / 1000;
  console.log(`produce (acks=all, RF 3, 1 KB, batches of ${BATCH}): ${(MESSAGES / produceSeconds).toFixed(0)} msg/s, ${mb((MESSAGES * 1024) / produceSeconds)}/s`);

  const consumer = kafka.consumer({ groupId: 'bench-reader', maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'bench', fromBeginning: true });
  const consumeStarted = performance.now();
  let received = 0;
  let firstMessageAt = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (received === 0) firstMessageAt = performance.now();
        received += batch.messages.length;
        if (received >= MESSAGES) resolve();
      },
    });
  });
  const consumeEnd = performance.now();
  await consumer.disconnect();
  console.log(
    `consume: ${(MESSAGES / ((consumeEnd - firstMessageAt) / 1000)).toFixed(0)} msg/s after the group joined ` +
      `(${(firstMessageAt - consumeStarted).toFixed(0)} ms to join and get the first batch)`,
  );

  const rss = process.memoryUsage().rss;
  collectGarbage();
  const rssAfterGc = process.memoryUsage().rss;
  console.log(`RSS: ${mb(rssIdle)} idle after cold start (${mb(rssIdle - rssBefore)} for 3 ZooKeeper nodes + 3 brokers)`);
  console.log(
    `RSS: ${mb(rss)} after the workload (the logs hold ${MESSAGES} x 1 KB x 3 replicas = ${mb(MESSAGES * 1024 * 3)}; ` +
      `heap used ${mb(process.memoryUsage().heapUsed)}, array buffers ${mb(process.memoryUsage().arrayBuffers)}); ${mb(rssAfterGc)} after a full GC`,
  );

  // Failover: stop broker 2, time until an acks=all write to a partition it led succeeds.
  const { topics } = await admin.fetchTopicMetadata({ topics: ['bench'] });
  const ledBy2 = topics[0].partitions.find((p) => p.leader === 2)?.partitionId ?? 0;
  const stopStarted = performance.now();
  await brokers[1].stop();
  const stopped = performance.now();
  await producer.send({ topic: 'bench', acks: -1, messages: [{ partition: ledBy2, value: 'after failover' }] });
  const failover = performance.now() - stopStarted;
  console.log(`failover (stop broker 2 -> acks=all produce to partition ${ledBy2} succeeds): ${failover.toFixed(0)} ms (stop() itself: ${(stopped - stopStarted).toFixed(0)} ms)`);

  await producer.disconnect();
  await admin.disconnect();
  await Promise.all(brokers.map((b) => b.kill()));
  await ensemble.close();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
  process.exit(0);
}
