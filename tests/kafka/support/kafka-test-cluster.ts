/**
 * A 3-broker test cluster on real TCP ports (port 0), against our embedded ZooKeeper ensemble or a real
 * ZooKeeper 3.8 (Debian's) when asked. Brokers can be stopped, killed and restarted on the same port.
 *
 *   await using cluster = await startKafkaTestCluster();
 *   const kafka = new Kafka({ brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
 */
import { consoleLogger, silentLogger } from '../../../src/cluster/logger.ts';
import type { Logger } from '../../../src/cluster/logger.ts';
import { TcpTransport } from '../../../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperClient } from '../../../src/cluster/zookeeper/client/index.ts';
import { ZooKeeperEnsemble } from '../../../src/cluster/zookeeper/zookeeper-ensemble.ts';
import type { BrokerConfig } from '../../../src/cluster/kafka/broker-config.ts';
import { KafkaBroker } from '../../../src/cluster/kafka/kafka-broker.ts';
import type { BrokerStorage } from '../../../src/cluster/kafka/log/broker-storage.ts';
import { startRealZooKeeper } from '../../support/real-zookeeper.ts';
import type { RealZooKeeperEnsemble } from '../../support/real-zookeeper.ts';

export interface KafkaTestClusterOptions {
  /** Broker ids (default 1, 2, 3). */
  ids?: number[];
  config?: Partial<BrokerConfig>;
  /** 'embedded' (default) or 'real' ZooKeeper 3.8. */
  zookeeper?: 'embedded' | 'real';
  /** A chroot appended to the connect string (`/kafka`), as in `zookeeper.connect=host:port/kafka`. */
  chroot?: string;
  /** A log dir per broker id (kept across `stop`/`kill` and `start`); default: memory only. */
  storage?: (id: number) => BrokerStorage;
  /** Log to the console (debugging). */
  verbose?: boolean;
}

export interface KafkaTestCluster extends AsyncDisposable {
  readonly transport: TcpTransport;
  readonly zookeeperConnect: string;
  /** The real ensemble, when `zookeeper: 'real'`. */
  readonly realZooKeeper: RealZooKeeperEnsemble | undefined;
  /** The embedded ensemble otherwise. */
  readonly embeddedZooKeeper: ZooKeeperEnsemble | undefined;
  readonly ids: readonly number[];
  /** `127.0.0.1:<port>` of every broker, in id order. */
  readonly bootstrap: string[];
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
  const logger: Logger = options.verbose ? consoleLogger('info') : silentLogger;
  const ids = options.ids ?? [1, 2, 3];
  let real: RealZooKeeperEnsemble | undefined;
  let embedded: ZooKeeperEnsemble | undefined;
  let zookeeperConnect: string;
  if (options.zookeeper === 'real') {
    real = await startRealZooKeeper({ nodes: 3, tickTime: 500 });
    zookeeperConnect = real.connectString;
  } else {
    embedded = await ZooKeeperEnsemble.start({ transport, clientPorts: [0, 0, 0], logger: logger.child('zookeeper') });
    zookeeperConnect = embedded.connectString();
  }
  const config: Partial<BrokerConfig> = { zookeeperSessionTimeoutMs: 4000, ...options.config };
  const brokerConnect = zookeeperConnect + (options.chroot ?? '');
  const brokers = new Map<number, KafkaBroker>();
  const ports = new Map<number, number>();
  const clients: ZooKeeperClient[] = [];
  const storages = new Map<number, BrokerStorage>();
  const storageFor = (id: number) => {
    if (!options.storage) return undefined;
    if (!storages.has(id)) storages.set(id, options.storage(id));
    return storages.get(id);
  };
  const startBroker = async (id: number) => {
    const broker = await KafkaBroker.start({ id, transport, port: ports.get(id) ?? 0, zookeeperConnect: brokerConnect, config, logger, storage: storageFor(id) });
    brokers.set(id, broker);
    ports.set(id, broker.port);
    return broker;
  };
  try {
    await Promise.all(ids.map((id) => startBroker(id)));
  } catch (error) {
    await Promise.all([...brokers.values()].map((b) => b.kill()));
    await embedded?.close();
    await real?.close();
    throw error;
  }
  const close = async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await Promise.all([...brokers.values()].map((b) => b.kill()));
    await embedded?.close();
    await real?.close();
  };
  return {
    transport,
    zookeeperConnect,
    realZooKeeper: real,
    embeddedZooKeeper: embedded,
    ids,
    get bootstrap() {
      return ids.map((id) => `127.0.0.1:${ports.get(id)}`);
    },
    broker(id) {
      const broker = brokers.get(id);
      if (!broker) throw new Error(`no broker ${id}`);
      return broker;
    },
    stop: (id) => brokers.get(id)!.stop(),
    kill: (id) => brokers.get(id)!.kill(),
    start: (id) => startBroker(id),
    async zookeeperClient() {
      const client = new ZooKeeperClient({ connectString: zookeeperConnect, transport, sessionTimeoutMs: 10_000 });
      await client.connect();
      clients.push(client);
      return client;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
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
