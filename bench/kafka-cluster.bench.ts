/**
 * The embedded Kafka cluster's figures, with the course defaults (`EmbeddedCluster`: 3 ZooKeeper members,
 * 3 brokers, RF 3, min ISR 2, in-memory log dirs). The cluster runs alone in a fresh Node process
 * (bench/support/kafka-cluster-process.ts); kafkajs drives it from this one.
 * - cold start: wall time from spawning that process until the cluster is ready (3 ZooKeeper members
 *   serving, 3 brokers registered, a controller elected), Node's start-up and module loading included;
 *   beside it, `EmbeddedCluster.start` alone, first in that process and warm in this one;
 * - memory: that process's absolute RSS, beside its baseline before the cluster and the record data its
 *   logs hold;
 * - kafkajs produce (acks=all, 1 KB values) and consume throughput;
 * - failover: stop the broker leading partition 0, time until an acks=all produce to partition 0 succeeds.
 * Goals: cold start < 1 s, memory < 150 MB, failover < 2 s.
 *
 *   sh scripts/with-node.sh node bench/kafka-cluster.bench.ts
 */
import { pathToFileURL } from 'node:url';
import kafkajs from 'kafkajs';
import { EmbeddedCluster } from '../src/cluster/embedded-cluster.ts';
import { installNodeZlibCodecs } from '../src/server/node/node-zlib-codecs.ts';
import { TcpTransport } from '../src/cluster/transport/tcp-transport.ts';
import { spawnClusterChild } from './support/cluster-child.ts';
import type { ClusterMemory } from './support/cluster-child.ts';
import { mb } from './support/json-child.ts';

// gzip and zstd through node:zlib (same wire format, native speed).
installNodeZlibCodecs();

const { Kafka, logLevel } = kafkajs;

const MESSAGES = 20_000;
const BATCH = 200;
const VALUE = 'x'.repeat(1024);
const TOPIC = 'bench';


/** `EmbeddedCluster.start` in this process, after one earlier start (modules loaded, code warm): median of 5. */
async function warmStartMs(): Promise<number> {
  const start = async () => {
    const t0 = performance.now();
    const cluster = await EmbeddedCluster.start({ transport: new TcpTransport(), zookeeper: { ports: [0, 0, 0] }, brokers: { ports: [0, 0, 0] } });
    const ms = performance.now() - t0;
    await cluster.close();
    return ms;
  };
  await start();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push(await start());
  return times.sort((a, b) => a - b)[2];
}

export async function main(): Promise<void> {
  const child = await spawnClusterChild();
  try {
    const { ready } = child;
    const check = await child.request<{ serving: number; controllerId: number | null; registered: number }>({ cmd: 'check' });
    if (check.serving !== 3 || check.controllerId === null || check.registered !== 3) {
      throw new Error(`the cluster process said ready but is not: ${JSON.stringify(check)}`);
    }
    const coldMs = child.readyAt - child.spawnedAt;
    console.log(`cold start, fresh process (spawn -> 3 ZooKeeper members serving, controller ${check.controllerId} elected, 3 brokers registered): ${coldMs.toFixed(0)} ms wall`);
    console.log(`  in that process: Node start-up + loading the modules ${ready.loadedAtMs.toFixed(0)} ms, then EmbeddedCluster.start ${ready.startMs.toFixed(0)} ms (first start, cold code)`);
    console.log(`RSS of the cluster process: ${mb(ready.rss)} absolute when ready (process baseline before the cluster, Node with the modules loaded: ${mb(ready.rssBaseline)})`);

    const kafka = new Kafka({ clientId: 'bench', brokers: ready.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 50, maxRetryTime: 500 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });

    const producer = kafka.producer();
    await producer.connect();
    const produceStarted = performance.now();
    for (let sent = 0; sent < MESSAGES; sent += BATCH) {
      await producer.send({ topic: TOPIC, acks: -1, messages: Array.from({ length: BATCH }, (_, i) => ({ key: String((sent + i) % 64), value: VALUE })) });
    }
    const produceSeconds = (performance.now() - produceStarted) / 1000;
    console.log(`produce (kafkajs, acks=all, RF 3, 1 KB values, batches of ${BATCH}): ${(MESSAGES / produceSeconds).toFixed(0)} msg/s, ${((MESSAGES * 1024) / produceSeconds / 1024 / 1024).toFixed(1)} MB/s`);

    const consumer = kafka.consumer({ groupId: 'bench-reader', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
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
      `consume (kafkajs): ${(MESSAGES / ((consumeEnd - firstMessageAt) / 1000)).toFixed(0)} msg/s after the group joined ` +
        `(${(firstMessageAt - consumeStarted).toFixed(0)} ms to join and get the first batch, creating __consumer_offsets included: the first group's coordinator lookup creates it)`,
    );

    const loaded = await child.request<ClusterMemory>({ cmd: 'memory' });
    const collected = await child.request<ClusterMemory>({ cmd: 'gc' });
    console.log(
      `RSS of the cluster process: ${mb(loaded.rss)} absolute after the workload (process baseline before the cluster ${mb(ready.rssBaseline)}); ` +
        `the partition logs hold ${mb(loaded.logBytes)} of record batches (${MESSAGES} x 1 KB x 3 replicas, plus __consumer_offsets, which the bench-reader group created), ` +
        `and each broker's in-memory log dir shares those buffers; ${mb(collected.rss)} absolute after a full GC ` +
        `(heap used ${mb(collected.heapUsed)}, array buffers ${mb(collected.arrayBuffers)})`,
    );

    // Failover: stop the broker that leads partition 0, time until an acks=all write to partition 0 succeeds.
    const before = (await admin.fetchTopicMetadata({ topics: [TOPIC] })).topics[0].partitions.find((p) => p.partitionId === 0);
    const victim = before?.leader;
    if (victim === undefined || victim < 0) throw new Error(`partition 0 of ${TOPIC} has no leader (${JSON.stringify(before)}): no failover to measure`);
    const stopStarted = performance.now();
    const { stopMs } = await child.request<{ stopMs: number }>({ cmd: 'stop', broker: victim });
    await producer.send({ topic: TOPIC, acks: -1, messages: [{ partition: 0, value: 'after failover' }] });
    const failover = performance.now() - stopStarted;
    const after = (await admin.fetchTopicMetadata({ topics: [TOPIC] })).topics[0].partitions.find((p) => p.partitionId === 0);
    if (!after || after.leader === victim || after.leader < 0) throw new Error(`partition 0 is still led by ${after?.leader} after stopping broker ${victim}`);
    console.log(
      `failover (stop broker ${victim}, leader of partition 0 -> acks=all produce to partition 0 succeeds, now led by broker ${after.leader}): ` +
        `${failover.toFixed(0)} ms (the controlled shutdown itself: ${stopMs.toFixed(0)} ms)`,
    );

    await producer.disconnect();
    await admin.disconnect();

    const warm = await warmStartMs();
    console.log(`in-process start, warm (EmbeddedCluster.start in this already-running process, after one earlier start; median of 5): ${warm.toFixed(0)} ms`);
    console.log(
      `goals: cold start < 1 s -> ${coldMs < 1000 ? 'met' : 'NOT met'}; memory < 150 MB -> ${loaded.rss < 150 * 1024 * 1024 ? 'met' : 'NOT met'} (absolute RSS after the workload); ` +
        `failover < 2 s -> ${failover < 2000 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await child.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
  process.exit(0);
}
