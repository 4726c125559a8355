/**
 * The Docker runtime's figures on the engine at DOCKER_HOST (here: podman 4.3 with the course's local
 * images — Debian's ZooKeeper 3.8 in a JVM, kafkalab brokers in Node), beside the embedded runtime's,
 * measured the same way:
 * - up: wall time of `runtime.up()` on a fresh stack (no containers, no volumes; images present) until all
 *   six nodes serve: 3 ZooKeeper members answering `srvr` as leader/follower, 3 brokers in /brokers/ids,
 *   and every broker knowing a leader for every partition (a fresh stack has none: `__consumer_offsets`
 *   appears with the first group);
 * - memory: the six containers' memory as the engine's stats report it (cgroup usage), each and summed;
 *   for the embedded runtime, this process's RSS growth from bringing the cluster up;
 * - failover: `nodeAction('kafka-2', 'stop')` on the broker leading a partition, until an acks=all
 *   produce to that partition (kafkajs, from the host) succeeds — the controlled shutdown included.
 * The Docker stack is measured twice: with Debian's ZooKeeper image (a JVM per member) and as the light
 * stack (the kafkalab node image for ZooKeeper too). Without an engine it says so and measures only the
 * embedded runtime.
 *
 *   DOCKER_HOST=$(sh scripts/podman-engine.sh) sh scripts/with-node.sh node bench/docker-runtime.bench.ts
 */
import { join } from 'node:path';
import Docker from 'dockerode';
import kafkajs from 'kafkajs';
import { courseImageEnv } from '../src/server/images/course-image-recipes.ts';
import { buildCourseImages } from '../src/server/images/image-build.ts';
import type { ClusterRuntime } from '../src/server/runtime/cluster-runtime.ts';
import { DockerRuntime } from '../src/server/runtime/docker/docker-runtime.ts';
import { identifyEngine } from '../src/server/runtime/docker/engine/engine-identity.ts';
import { EmbeddedRuntime } from '../src/server/runtime/embedded-runtime.ts';
import { mb } from './support/json-child.ts';

const { Kafka, logLevel } = kafkajs;
const composeFile = join(import.meta.dirname, '..', 'docker-compose.yml');

async function failoverMs(runtime: ClusterRuntime): Promise<{ ms: number; partition: number }> {
  const status = await runtime.status();
  const kafka = new Kafka({ clientId: 'bench', brokers: status.connections.bootstrapServers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 60, initialRetryTime: 50, maxRetryTime: 250 } });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'failover', numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
  const metadata = await admin.fetchTopicMetadata({ topics: ['failover'] });
  await admin.disconnect();
  const kafka2 = status.nodes.find((node) => node.name === 'kafka-2')!.id;
  const partition = metadata.topics[0].partitions.find((candidate) => candidate.leader === kafka2)!.partitionId;
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'failover', acks: -1, messages: [{ partition, value: 'before' }] });
  const started = performance.now();
  await runtime.nodeAction('kafka-2', 'stop');
  await producer.send({ topic: 'failover', acks: -1, messages: [{ partition, value: 'after' }] });
  const ms = performance.now() - started;
  await producer.disconnect();
  return { ms, partition };
}

async function embedded(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
  const started = performance.now();
  await runtime.up();
  const upMs = performance.now() - started;
  const rssGrowth = process.memoryUsage().rss - rssBefore;
  const failover = await failoverMs(runtime);
  await runtime.down();
  console.log(`embedded: up ${upMs.toFixed(0)} ms (runtime.up() until 3 ZooKeeper members serve and 3 brokers are registered, in this process)`);
  console.log(`embedded: memory ${mb(rssGrowth)} (this process's RSS growth from bringing the six nodes up)`);
  console.log(`embedded: failover ${failover.ms.toFixed(0)} ms (stop kafka-2, leader of failover-${failover.partition}, until an acks=all produce to it succeeds)`);
}

async function docker(light: boolean): Promise<void> {
  const endpoint = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  const client = new Docker({ socketPath: endpoint.replace(/^unix:\/\//, '') });
  const version = await client.version().catch(() => null);
  if (!version) {
    console.log(`docker: not measured — no engine answered at ${endpoint} (export DOCKER_HOST=$(sh scripts/podman-engine.sh))`);
    return;
  }
  const { name } = identifyEngine(version);
  const images = await buildCourseImages(client, {});
  // The light stack runs ZooKeeper from the kafkalab node image too (`kafkalab node zookeeper`).
  const zookeeperImage = light ? images.node.tag : images.zookeeper.tag;
  const label = light ? 'docker, light stack' : 'docker';
  const runtime = new DockerRuntime({
    docker: client,
    engine: { name, version: version.Version },
    composeFile,
    env: { ...process.env, ...courseImageEnv({ zookeeper: zookeeperImage, node: images.node.tag }) },
    without: ['akhq'],
  });
  await runtime.down({ volumes: true });
  try {
    const started = performance.now();
    const status = await runtime.up();
    const upMs = performance.now() - started;
    const serving = status.nodes.filter((node) => node.mode === 'leader' || node.mode === 'follower' || node.registered).length;
    console.log(`${label} (${name} ${version.Version}; ZooKeeper ${zookeeperImage}, Kafka ${images.node.tag}): up ${upMs.toFixed(0)} ms (fresh stack, images present, until ${serving} of 6 nodes serve: ZooKeeper srvr leader/follower, brokers in /brokers/ids, every partition led)`);
    const memory: string[] = [];
    let total = 0;
    for (const node of status.nodes) {
      const stats = (await client.getContainer(node.name).stats({ stream: false })) as { memory_stats?: { usage?: number } };
      const usage = stats.memory_stats?.usage ?? 0;
      total += usage;
      memory.push(`${node.name} ${mb(usage)}`);
    }
    console.log(`${label}: memory of the six containers ${mb(total)} (engine stats, cgroup usage: ${memory.join(', ')})`);
    const failover = await failoverMs(runtime);
    console.log(`${label}: failover ${failover.ms.toFixed(0)} ms (stop kafka-2 — docker stop, controlled shutdown — leader of failover-${failover.partition}, until an acks=all produce to it succeeds)`);
  } finally {
    await runtime.down({ volumes: true });
  }
}

await embedded();
await docker(false);
await docker(true);
process.exit(0);
