import { describeKafkaCluster } from '../../cluster/kafka/kafka-cluster-view.ts';
import { KafkaBroker } from '../../cluster/kafka/kafka-broker.ts';
import type { BrokerStorage } from '../../cluster/kafka/log/broker-storage.ts';
import { FsBrokerStorage } from '../../cluster/kafka/log/fs-broker-storage.ts';
import { MemoryBrokerStorage } from '../../cluster/kafka/log/memory-broker-storage.ts';
import { FileStorage } from '../../cluster/zookeeper/server/file-storage.ts';
import { join } from 'node:path';
import type { BrokerConfig } from '../../cluster/kafka/broker-config.ts';
import { createLogger, silentLogger, type Logger } from '../../cluster/logger.ts';
import { TcpTransport } from '../../cluster/transport/tcp-transport.ts';
import type { Transport } from '../../cluster/transport/transport.ts';
import { ZooKeeperClient } from '../../cluster/zookeeper/client/zookeeper-client.ts';
import { ZooKeeperEnsemble } from '../../cluster/zookeeper/zookeeper-ensemble.ts';
import { TypedEmitter } from '../../cluster/typed-emitter.ts';
import type {
  ClusterEvent,
  ClusterNodeStatus,
  ClusterRuntime,
  ClusterState,
  ClusterStatus,
  NodeAction,
} from './cluster-runtime.ts';
import { clusterDown, nodeAlready, portInUse, unknownNode } from './runtime-error.ts';
import { SerialQueue } from './serial-queue.ts';

export interface EmbeddedRuntimeOptions {
  host?: string;
  /** ZooKeeper client ports, one per node; default the seed's 12181/22181/32181. 0 picks a free port. */
  zookeeperPorts?: number[];
  /** Kafka listener ports, one per broker; default 19092/29092/39092. 0 picks a free port. */
  kafkaPorts?: number[];
  /** Broker ids; default 1..3. A lab may use 101..103 to show that broker ids are arbitrary. */
  brokerIds?: number[];
  /** Broker settings; the course defaults match docker-compose.yml (RF 3, min ISR 2). */
  brokerConfig?: Partial<BrokerConfig>;
  transport?: Transport;
  /**
   * Keep the cluster's state on disk here, like the Docker stack's volumes: `zookeeper-N/` holds each
   * ZooKeeper member's snapshot and transaction log, `kafka-N/` each broker's log dir. Without it the
   * state lives in memory: it survives node restarts, but not `down` or the end of the process.
   */
  dataDir?: string;
  /** Where node log lines go; default nowhere. */
  log?: (line: string) => void;
}

/** The course's broker defaults, the same as docker-compose.yml sets for the Docker stack. */
export const courseBrokerConfig: Partial<BrokerConfig> = {
  defaultReplicationFactor: 3,
  minInsyncReplicas: 2,
  offsetsTopicReplicationFactor: 3,
  // Kafka waits 3 s for more members before a new group's first rebalance; a short wait keeps the
  // labs snappy while still letting consumers started together land in one rebalance.
  groupInitialRebalanceDelayMs: 300,
};

interface BrokerSlot {
  name: string;
  id: number;
  port: number;
  broker: KafkaBroker | null;
  /** The broker's log dir: kept across stop/kill and start (as a disk would be), dropped by `down()`. */
  storage: BrokerStorage;
}

/**
 * The embedded teaching cluster: a three-node ZooKeeper ensemble and three Kafka brokers in
 * ZooKeeper mode, in this process, speaking the real wire protocols on loopback.
 */
export class EmbeddedRuntime implements ClusterRuntime {
  readonly kind = 'embedded' as const;
  readonly #options: Required<Omit<EmbeddedRuntimeOptions, 'log' | 'brokerConfig' | 'dataDir'>> & { brokerConfig: Partial<BrokerConfig>; dataDir?: string };
  readonly #logger: Logger;
  readonly #events = new (class extends TypedEmitter<{ event: [ClusterEvent] }> {
    send(event: ClusterEvent) {
      this.emit('event', event);
    }
  })();
  readonly #queue = new SerialQueue();
  #state: ClusterState = 'down';
  #ensemble: ZooKeeperEnsemble | null = null;
  #brokers: BrokerSlot[] = [];
  #observer: ZooKeeperClient | null = null;

  constructor(options: EmbeddedRuntimeOptions = {}) {
    this.#options = {
      host: options.host ?? '127.0.0.1',
      zookeeperPorts: options.zookeeperPorts ?? [12181, 22181, 32181],
      kafkaPorts: options.kafkaPorts ?? [19092, 29092, 39092],
      brokerIds: options.brokerIds ?? [1, 2, 3],
      brokerConfig: { ...courseBrokerConfig, ...options.brokerConfig },
      transport: options.transport ?? new TcpTransport(),
      dataDir: options.dataDir,
    };
    if (this.#options.kafkaPorts.length !== this.#options.brokerIds.length) {
      throw new Error(`kafkaPorts (${this.#options.kafkaPorts.length}) and brokerIds (${this.#options.brokerIds.length}) must have the same length`);
    }
    this.#logger = options.log ? createLogger((line) => options.log?.(`[${line.node}] ${line.message}${line.fields ? ' ' + JSON.stringify(line.fields) : ''}`), 'info') : silentLogger;
  }

  onEvent(listener: (event: ClusterEvent) => void): () => void {
    return this.#events.on('event', listener);
  }

  up(): Promise<ClusterStatus> {
    return this.#queue.run(async () => {
      if (this.#state !== 'up') await this.#bringUp();
      return this.#status();
    });
  }

  down(): Promise<ClusterStatus> {
    return this.#queue.run(async () => {
      await this.#tearDown();
      return this.#status();
    });
  }

  /** Not queued: reading the state must stay possible while an action (say, `up`) is in progress. */
  status(): Promise<ClusterStatus> {
    return this.#status();
  }

  nodeAction(name: string, action: NodeAction): Promise<ClusterStatus> {
    return this.#queue.run(async () => {
      const known = [...this.#options.zookeeperPorts.map((_, i) => `zookeeper-${i + 1}`), ...this.#brokerNames()];
      if (!known.includes(name)) throw unknownNode(name, known);
      if (this.#state !== 'up' || !this.#ensemble) throw clusterDown(`${action} ${name}`);
      const zookeeperMatch = /^zookeeper-(\d+)$/.exec(name);
      if (zookeeperMatch) await this.#zookeeperAction(Number(zookeeperMatch[1]), name, action);
      else await this.#kafkaAction(this.#brokers.find((slot) => slot.name === name)!, action);
      return this.#status();
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.down();
  }

  #brokerNames(): string[] {
    return this.#options.brokerIds.map((_, i) => `kafka-${i + 1}`);
  }

  #setState(state: ClusterState): void {
    this.#state = state;
    this.#events.send({ type: 'cluster-state', state });
  }

  async #bringUp(): Promise<void> {
    this.#setState('starting');
    const dataDir = this.#options.dataDir;
    try {
      const ensemble = await ZooKeeperEnsemble.start({
        transport: this.#options.transport,
        host: this.#options.host,
        clientPorts: this.#options.zookeeperPorts,
        logger: this.#logger,
        storage: dataDir ? (id) => new FileStorage(join(dataDir, `zookeeper-${id}`)) : undefined,
      });
      this.#ensemble = ensemble;
      ensemble.on('leader', (id) => this.#events.send({ type: 'zookeeper-leader', node: `zookeeper-${id}` }));
      ensemble.on('quorum-lost', () => this.#events.send({ type: 'zookeeper-quorum-lost' }));
      ensemble.on('quorum-regained', (id) => this.#events.send({ type: 'zookeeper-quorum-regained', leader: `zookeeper-${id}` }));
      this.#brokers = this.#options.brokerIds.map((id, i) => ({
        name: `kafka-${i + 1}`,
        id,
        port: this.#options.kafkaPorts[i],
        broker: null,
        storage: dataDir ? new FsBrokerStorage(join(dataDir, `kafka-${i + 1}`), id) : new MemoryBrokerStorage(),
      }));
      await Promise.all(this.#brokers.map((slot) => this.#startBroker(slot)));
      this.#observer = new ZooKeeperClient({ connectString: ensemble.connectString(), transport: this.#options.transport, logger: this.#logger.child('observer') });
      await this.#observer.connect();
      this.#setState('up');
    } catch (error) {
      await this.#tearDown();
      throw portInUse(error) ?? error;
    }
  }

  async #startBroker(slot: BrokerSlot): Promise<void> {
    const broker = await KafkaBroker.start({
      id: slot.id,
      transport: this.#options.transport,
      host: this.#options.host,
      port: slot.port,
      advertisedHost: this.#options.host === '127.0.0.1' ? 'localhost' : this.#options.host,
      zookeeperConnect: this.#ensemble!.connectString(),
      config: this.#options.brokerConfig,
      logger: this.#logger,
      storage: slot.storage,
    });
    slot.broker = broker;
    // Later restarts reuse the port the broker got (it may have been 0).
    slot.port = broker.port;
    this.#events.send({ type: 'node-state', node: slot.name, state: 'running' });
  }

  async #tearDown(): Promise<void> {
    if (this.#state === 'down' && !this.#ensemble) return;
    this.#setState('stopping');
    await this.#observer?.close().catch(() => {});
    this.#observer = null;
    await Promise.all(this.#brokers.map((slot) => slot.broker?.kill().catch(() => {})));
    this.#brokers = [];
    await this.#ensemble?.close();
    this.#ensemble = null;
    this.#setState('down');
  }

  async #zookeeperAction(id: number, name: string, action: NodeAction): Promise<void> {
    const ensemble = this.#ensemble!;
    const node = ensemble.status().find((status) => status.id === id)!;
    if (action === 'start') {
      if (node.running) throw nodeAlready(name, 'running', action);
      await ensemble.startNode(id);
    } else {
      if (!node.running) throw nodeAlready(name, 'stopped', action);
      await (action === 'stop' ? ensemble.stopNode(id) : ensemble.killNode(id));
    }
    this.#events.send({ type: 'node-state', node: name, state: action === 'start' ? 'running' : 'stopped' });
  }

  async #kafkaAction(slot: BrokerSlot, action: NodeAction): Promise<void> {
    const running = slot.broker?.status().running ?? false;
    if (action === 'start') {
      if (running) throw nodeAlready(slot.name, 'running', action);
      await this.#startBroker(slot);
      return;
    }
    if (!running) throw nodeAlready(slot.name, 'stopped', action);
    await (action === 'stop' ? slot.broker!.stop() : slot.broker!.kill());
    this.#events.send({ type: 'node-state', node: slot.name, state: 'stopped' });
  }

  async #status(): Promise<ClusterStatus> {
    const host = this.#options.host;
    const nodes: ClusterNodeStatus[] = [];
    const zookeeper = this.#ensemble?.status() ?? this.#options.zookeeperPorts.map((port, i) => ({ id: i + 1, name: `zookeeper-${i + 1}`, host, clientPort: port, running: false, mode: 'stopped' as const }));
    for (const node of zookeeper) {
      nodes.push({ name: node.name, kind: 'zookeeper', id: node.id, state: node.running ? 'running' : 'stopped', host: node.host, port: node.clientPort, mode: node.mode });
    }
    const brokerSlots = this.#brokers.length
      ? this.#brokers
      : this.#options.brokerIds.map((id, i) => ({ name: `kafka-${i + 1}`, id, port: this.#options.kafkaPorts[i], broker: null }));
    for (const slot of brokerSlots) {
      const status = slot.broker?.status();
      nodes.push({ name: slot.name, kind: 'kafka', id: slot.id, state: status?.running ? 'running' : 'stopped', host, port: slot.port, controller: status?.running ? status.controller : false });
    }
    const status: ClusterStatus = {
      runtime: 'embedded',
      state: this.#state,
      nodes,
      connections: {
        zookeeper: zookeeper.map((node) => `${host}:${node.clientPort}`).join(','),
        bootstrapServers: brokerSlots.map((slot) => `${host}:${slot.port}`).join(','),
      },
    };
    if (this.#state === 'up' && this.#observer) {
      const view = await withTimeout(describeKafkaCluster(this.#observer), 2000).catch(() => null);
      if (view) status.kafka = { controllerId: view.controllerId, topics: view.topics };
    }
    return status;
  }
}

export function createEmbeddedRuntime(options: EmbeddedRuntimeOptions = {}): EmbeddedRuntime {
  return new EmbeddedRuntime(options);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

