/**
 * The one embedded-cluster helper of the Kafka tests (tests/kafka, tests/kafka-groups): an `EmbeddedCluster`
 * (src/cluster/embedded-cluster.ts) of three brokers on real TCP ports (port 0) against its own embedded
 * ZooKeeper ensemble, or against a real ZooKeeper 3.8 (Debian's) when asked. Brokers can be stopped, killed
 * and restarted on the same port, with their log dir (`storage`) when one is given.
 *
 *   await using cluster = await startKafkaTestCluster();
 *   const kafka = new Kafka({ brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
 *
 * `startGroupTestCluster()` is the same cluster with the consumer-group tests' settings.
 * Set KAFKALAB_TEST_LOG=1 (or `verbose`) to see the nodes' logs.
 */
import { EmbeddedCluster } from '../../src/cluster/embedded-cluster.ts';
import { GroupCoordinator } from '../../src/cluster/kafka/group/group-coordinator.ts';
import { consoleLogger, silentLogger } from '../../src/cluster/logger.ts';
import type { Logger } from '../../src/cluster/logger.ts';
import { installNodeZlibCodecs } from '../../src/server/node/node-zlib-codecs.ts';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperClient } from '../../src/cluster/zookeeper/client/index.ts';
import type { ZooKeeperEnsemble } from '../../src/cluster/zookeeper/zookeeper-ensemble.ts';
import type { BrokerConfig } from '../../src/cluster/kafka/broker-config.ts';
import type { KafkaBroker } from '../../src/cluster/kafka/kafka-broker.ts';
import type { BrokerStorage } from '../../src/cluster/kafka/log/broker-storage.ts';
import { startRealZooKeeper } from './real-zookeeper.ts';
import type { RealZooKeeperEnsemble } from './real-zookeeper.ts';

// gzip and zstd through node:zlib (same wire format, native speed).
installNodeZlibCodecs();

export interface KafkaTestClusterOptions {
  /** Broker ids (default 1, 2, 3). */
  ids?: number[];
  config?: Partial<BrokerConfig>;
  /** 'embedded' (default) or 'real' ZooKeeper 3.8. */
  zookeeper?: 'embedded' | 'real';
  /** A chroot appended to the connect string (`/kafka`), as in `zookeeper.connect=host:port/kafka`. */
  chroot?: string;
  /** A log dir per broker id (kept across `stop`/`kill` and `start`); default: none, a restarted broker comes back empty. */
  storage?: (id: number) => BrokerStorage | undefined;
  /** Log to the console (debugging); KAFKALAB_TEST_LOG=1 does the same. */
  verbose?: boolean;
  /** Where the nodes log instead (a test that checks a log line); overrides `verbose`. */
  logger?: Logger;
}

export interface KafkaTestCluster extends AsyncDisposable {
  readonly transport: TcpTransport;
  readonly zookeeperConnect: string;
  /** The real ensemble, when `zookeeper: 'real'`. */
  readonly realZooKeeper: RealZooKeeperEnsemble | undefined;
  /** The embedded ensemble otherwise. */
  readonly embeddedZooKeeper: ZooKeeperEnsemble | undefined;
  /** The cluster itself (its events: `controller-request`, `controller`, `node-state`). */
  readonly embedded: EmbeddedCluster;
  readonly ids: readonly number[];
  /** The current broker object of every id (a restart replaces it). */
  readonly brokers: ReadonlyMap<number, KafkaBroker>;
  /** `127.0.0.1:<port>` of every broker, in id order (stopped ones included, as a client config would list them). */
  readonly bootstrap: string[];
  /** `host:port` of the running brokers only. */
  readonly liveBootstrap: string[];
  broker(id: number): KafkaBroker;
  /** Controlled shutdown of one broker. */
  stop(id: number): Promise<void>;
  /** Crash of one broker (its ZooKeeper session expires later). */
  kill(id: number): Promise<void>;
  /** Starts a stopped/killed broker again on its port. */
  start(id: number): Promise<KafkaBroker>;
  /** A ZooKeeper client on the ensemble (closed with the cluster). */
  zookeeperClient(): Promise<ZooKeeperClient>;
  close(): Promise<void>;
}

export async function startKafkaTestCluster(options: KafkaTestClusterOptions = {}): Promise<KafkaTestCluster> {
  const transport = new TcpTransport();
  const logger: Logger = options.logger ?? (options.verbose || process.env.KAFKALAB_TEST_LOG ? consoleLogger('info') : silentLogger);
  const ids = options.ids ?? [1, 2, 3];
  const real = options.zookeeper === 'real' ? await startRealZooKeeper({ nodes: 3, tickTime: 500 }) : undefined;
  let cluster: EmbeddedCluster;
  try {
    cluster = await EmbeddedCluster.start({
      transport,
      zookeeper: real ? { connect: real.connectString, chroot: options.chroot } : { ports: [0, 0, 0], chroot: options.chroot },
      brokers: {
        ids,
        ports: ids.map(() => 0),
        config: { zookeeperSessionTimeoutMs: 4000, ...options.config },
        // Without a storage, a broker has no log dir at all (what several tests rely on).
        storage: options.storage ?? (() => undefined),
      },
      logger,
    });
  } catch (error) {
    await real?.close();
    throw error;
  }
  const clients: ZooKeeperClient[] = [];
  const close = async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await cluster.close();
    await real?.close();
  };
  return {
    transport,
    zookeeperConnect: cluster.zookeeperConnect,
    realZooKeeper: real,
    embeddedZooKeeper: cluster.ensemble,
    embedded: cluster,
    ids,
    brokers: cluster.brokers,
    get bootstrap() {
      return cluster.status().bootstrapServers;
    },
    get liveBootstrap() {
      return [...cluster.brokers.values()].filter((b) => b.state === 'running').map((b) => `${b.advertisedHost}:${b.port}`);
    },
    broker: (id) => cluster.broker(id),
    stop: (id) => cluster.stop(cluster.brokerName(id)),
    kill: (id) => cluster.kill(cluster.brokerName(id)),
    async start(id) {
      await cluster.start(cluster.brokerName(id));
      return cluster.broker(id);
    },
    async zookeeperClient() {
      const client = new ZooKeeperClient({ connectString: cluster.zookeeperConnect, transport, sessionTimeoutMs: 10_000 });
      await client.connect();
      clients.push(client);
      return client;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Settings that keep group tests quick: a small offsets topic, a short initial rebalance delay. */
export const GROUP_TEST_CONFIG: Partial<BrokerConfig> = {
  offsetsTopicNumPartitions: 6,
  offsetsTopicReplicationFactor: 3,
  groupInitialRebalanceDelayMs: 300,
  defaultReplicationFactor: 3,
  zookeeperSessionTimeoutMs: 4000,
};

/** The consumer-group tests' cluster: `GROUP_TEST_CONFIG` plus `config`. */
export function startGroupTestCluster(config: Partial<BrokerConfig> = {}): Promise<KafkaTestCluster> {
  return startKafkaTestCluster({ config: { ...GROUP_TEST_CONFIG, ...config } });
}

/** Polls `check` until it returns a truthy value (returned) or `timeoutMs` passes (throws with `what`). */
export async function eventually<T>(what: string, check: () => T | Promise<T>, timeoutMs = 15_000, intervalMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Id of the running broker whose group coordinator owns `groupId` right now, if any. */
export function coordinatorId(cluster: KafkaTestCluster, groupId: string): number | undefined {
  for (const broker of cluster.brokers.values()) {
    if (broker.state !== 'running') continue;
    const coordinator = broker.services.groupCoordinator;
    if (coordinator instanceof GroupCoordinator && coordinator.isCoordinatorFor(groupId)) return broker.id;
  }
  return undefined;
}
