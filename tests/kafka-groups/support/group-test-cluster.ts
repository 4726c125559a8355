/**
 * A three-broker teaching cluster for the consumer-group tests: our embedded three-node
 * `ZooKeeperEnsemble` and three `KafkaBroker`s, all on TCP port 0, so kafkajs and kcat reach them as they
 * would reach a real cluster.
 *
 *   await using cluster = await startGroupTestCluster();
 *   const kafka = new Kafka({ brokers: cluster.bootstrap, ... });
 */
import { consoleLogger, silentLogger } from '../../../src/cluster/logger.ts';
import type { BrokerConfig } from '../../../src/cluster/kafka/broker-config.ts';
import { KafkaBroker } from '../../../src/cluster/kafka/kafka-broker.ts';
import { TcpTransport } from '../../../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperEnsemble } from '../../../src/cluster/zookeeper/zookeeper-ensemble.ts';

/** Settings that keep group tests quick: a small offsets topic, a short initial rebalance delay. */
export const GROUP_TEST_CONFIG: Partial<BrokerConfig> = {
  offsetsTopicNumPartitions: 6,
  offsetsTopicReplicationFactor: 3,
  groupInitialRebalanceDelayMs: 300,
  defaultReplicationFactor: 3,
  zookeeperSessionTimeoutMs: 4000,
};

export interface GroupTestCluster extends AsyncDisposable {
  readonly brokers: ReadonlyMap<number, KafkaBroker>;
  /** `host:port` of every running broker. */
  readonly bootstrap: string[];
  /** The broker with this id (throws if it is not running). */
  broker(id: number): KafkaBroker;
  /** Controlled shutdown of one broker. */
  stopBroker(id: number): Promise<void>;
  /** Crash of one broker: sockets cut, its ZooKeeper session left to expire. */
  killBroker(id: number): Promise<void>;
  close(): Promise<void>;
}

export async function startGroupTestCluster(config: Partial<BrokerConfig> = {}): Promise<GroupTestCluster> {
  const transport = new TcpTransport();
  const logger = process.env.KAFKALAB_TEST_LOG ? consoleLogger('info') : silentLogger;
  const zookeeper = await ZooKeeperEnsemble.start({ transport, clientPorts: [0, 0, 0], tickTimeMs: 500, logger });
  await zookeeper.waitForQuorum(20_000);
  const brokers = new Map<number, KafkaBroker>();
  const close = async () => {
    await Promise.all([...brokers.values()].map((b) => b.kill().catch(() => undefined)));
    brokers.clear();
    await zookeeper.close();
  };
  try {
    const started = await Promise.all(
      [1, 2, 3].map((id) =>
        KafkaBroker.start({ id, transport, port: 0, zookeeperConnect: zookeeper.connectString(), config: { ...GROUP_TEST_CONFIG, ...config }, logger }),
      ),
    );
    for (const broker of started) brokers.set(broker.id, broker);
    // Clients need a controller in Metadata (kafkajs admin) and every broker in every broker's view.
    await waitFor('a controller and all brokers in metadata', 20_000, () =>
      started.some((b) => b.status().controller) && started.every((b) => b.services.metadata.liveBrokers().length === 3 && b.services.metadata.controllerId() !== null),
    );
  } catch (error) {
    await close();
    throw error;
  }
  const running = () => [...brokers.values()].filter((b) => b.state === 'running');
  return {
    brokers,
    get bootstrap() {
      return running().map((b) => `${b.advertisedHost}:${b.port}`);
    },
    broker(id) {
      const broker = brokers.get(id);
      if (!broker || broker.state !== 'running') throw new Error(`broker ${id} is not running`);
      return broker;
    },
    async stopBroker(id) {
      await brokers.get(id)?.stop();
    },
    async killBroker(id) {
      await brokers.get(id)?.kill();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function waitFor(what: string, timeoutMs: number, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`cluster not ready after ${timeoutMs} ms: waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
