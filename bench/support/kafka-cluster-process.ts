/**
 * Hosts the embedded Kafka cluster (`EmbeddedCluster` with its course defaults: 3 ZooKeeper members, 3
 * brokers, RF 3, min ISR 2, in-memory log dirs) alone in a fresh Node process, on free TCP ports, for
 * bench/kafka-cluster.bench.ts. Prints a `ready` JSON line once `EmbeddedCluster.start` resolved (every
 * ZooKeeper member serving, every broker registered, a controller elected and known to every broker), then
 * answers JSON commands: `check`, `memory`, `gc` (a full GC, then `memory`), `usage` (CPU time and page
 * faults so far), `stop` (a broker id).
 * KAFKALAB_BENCH_BROKER_CONFIG (JSON) adds broker settings to the course's (bench/kafka-retention.bench.ts).
 */
import { courseBrokerConfig } from '../../src/cluster/course-broker-config.ts';
import { EmbeddedCluster } from '../../src/cluster/embedded-cluster.ts';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import { collectGarbage, serveJsonCommands } from './json-child.ts';

/** Since this process started (performance.timeOrigin): Node's start-up and loading the cluster's modules. */
const loadedAt = performance.now();
const rssBaseline = process.memoryUsage().rss;
const startedAt = performance.now();
const extraConfig = process.env.KAFKALAB_BENCH_BROKER_CONFIG ? (JSON.parse(process.env.KAFKALAB_BENCH_BROKER_CONFIG) as Record<string, unknown>) : {};
const cluster = await EmbeddedCluster.start({
  transport: new TcpTransport(),
  zookeeper: { ports: [0, 0, 0] },
  brokers: { ports: [0, 0, 0], config: { ...courseBrokerConfig, ...extraConfig } },
});
const readyAt = performance.now();
process.stdout.write(
  JSON.stringify({ loadedAtMs: loadedAt, startMs: readyAt - startedAt, readyAtMs: readyAt, rssBaseline, rss: process.memoryUsage().rss, bootstrap: cluster.status().bootstrapServers }) + '\n',
);

/** Bytes of record batches in every replica's partition log (each broker's in-memory log dir shares the same buffers). */
function logBytes(): number {
  let bytes = 0;
  for (const broker of cluster.brokers.values()) {
    if (broker.state !== 'running') continue;
    for (const partition of broker.services.internals.replicas.partitions()) bytes += partition.log.sizeBytes;
  }
  return bytes;
}

/** Batches in every replica's log. */
function logBatches(): number {
  let count = 0;
  for (const broker of cluster.brokers.values()) {
    if (broker.state !== 'running') continue;
    for (const partition of broker.services.internals.replicas.partitions()) count += partition.log.batchCount;
  }
  return count;
}

const memory = () => ({ ...process.memoryUsage(), logBytes: logBytes(), logBatches: logBatches() });

serveJsonCommands(
  async (command) => {
    if (command.cmd === 'check') {
      const status = cluster.status();
      const zk = await cluster.openZooKeeperClient();
      const registered = (await zk.getChildren('/brokers/ids')).length;
      await zk.close();
      return { serving: status.nodes.filter((node) => node.serving).length, controllerId: status.controllerId, registered };
    }
    if (command.cmd === 'memory') return memory();
    if (command.cmd === 'usage') {
      // CPU time and page faults so far: a throughput run's cost is the difference of two readings.
      const { userCPUTime, systemCPUTime, minorPageFault, majorPageFault } = process.resourceUsage();
      return { userMs: userCPUTime / 1000, systemMs: systemCPUTime / 1000, minorPageFaults: minorPageFault, majorPageFaults: majorPageFault, rss: process.memoryUsage().rss };
    }
    if (command.cmd === 'gc') {
      await collectGarbage();
      return memory();
    }
    if (command.cmd === 'stop') {
      const started = performance.now();
      await cluster.stop(cluster.brokerName(Number(command.broker)));
      return { stopMs: performance.now() - started };
    }
    throw new Error(`unknown command ${JSON.stringify(command)}`);
  },
  () => cluster.close(),
);
