/**
 * The server's `ClusterRuntime` over the embedded cluster (`EmbeddedCluster`, src/cluster/): actions run
 * one at a time, refused actions answer with `ApiError`s that say why and what to do, the state can live
 * in a data dir, and the status adds Kafka's own view read from ZooKeeper.
 */
import { join } from 'node:path';
import { courseBrokerConfig } from '../../cluster/course-broker-config.ts';
import { EmbeddedCluster } from '../../cluster/embedded-cluster.ts';
import { defaultBrokerIds, defaultKafkaPorts, defaultZooKeeperPorts, EmbeddedClusterError, planCluster } from '../../cluster/embedded-cluster-options.ts';
import type { EmbeddedClusterOptions } from '../../cluster/embedded-cluster-options.ts';
import type { BrokerConfig } from '../../cluster/kafka/broker-config.ts';
import { describeKafkaCluster } from '../../cluster/kafka/kafka-cluster-view.ts';
import { FsBrokerStorage } from '../../cluster/kafka/log/fs-broker-storage.ts';
import { createLogger, silentLogger } from '../../cluster/logger.ts';
import { installNodeZlibCodecs } from '../node/node-zlib-codecs.ts';
import { TcpTransport } from '../../cluster/transport/tcp-transport.ts';
import type { Transport } from '../../cluster/transport/transport.ts';
import { TypedEmitter } from '../../cluster/typed-emitter.ts';
import type { ZooKeeperClient } from '../../cluster/zookeeper/client/zookeeper-client.ts';
import { FileStorage } from '../../cluster/zookeeper/server/file-storage.ts';
import { labCommandRegistry } from '../../terminal/lab-commands.ts';
import { LabShell } from '../../terminal/shell/lab-shell.ts';
import type { TerminalSession, TerminalSize } from '../../terminal/terminal-session.ts';
import { ApiError } from '../http-error.ts';
import { clusterOnlyTransport } from '../terminal/cluster-only-transport.ts';
import { hostToolEnvironment } from '../terminal/host-tool-environment.ts';
import { NODE_ACTIONS } from './cluster-runtime.ts';
import type { ClusterEvent, ClusterNodeStatus, ClusterRuntime, ClusterSpec, ClusterState, ClusterStatus, NodeAction, TerminalOptions } from './cluster-runtime.ts';
import { clusterDown, portInUse, refusePointlessAction, unknownNode } from './runtime-error.ts';
import { SerialQueue } from './serial-queue.ts';
import { withTimeout } from './with-timeout.ts';

// gzip and zstd through node:zlib (same wire format, native speed).
installNodeZlibCodecs();

/** Kept here too for the code and tests that import it from the runtime. */
export { courseBrokerConfig };

export interface EmbeddedRuntimeOptions {
  host?: string;
  /** ZooKeeper client ports, one per node; default the seed's 12181/22181/32181. 0 picks a free port. */
  zookeeperPorts?: number[];
  /** Kafka listener ports, one per broker; default 19092/29092/39092. 0 picks a free port. */
  kafkaPorts?: number[];
  /** Broker ids; default 1..3. A lab may use 101..103 to show that broker ids are arbitrary. */
  brokerIds?: number[];
  /** Broker settings over the course defaults (`courseBrokerConfig`: RF 3, min ISR 2, as docker-compose.yml). */
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

export class EmbeddedRuntime implements ClusterRuntime {
  readonly kind = 'embedded' as const;
  readonly #options: EmbeddedRuntimeOptions;
  #clusterOptions: EmbeddedClusterOptions;
  readonly #events = new (class extends TypedEmitter<{ event: [ClusterEvent] }> {
    send(event: ClusterEvent) {
      this.emit('event', event);
    }
  })();
  readonly #queue = new SerialQueue();
  #state: ClusterState = 'down';
  #cluster: EmbeddedCluster | null = null;
  #observer: ZooKeeperClient | null = null;

  constructor(options: EmbeddedRuntimeOptions = {}) {
    this.#options = options;
    this.#clusterOptions = clusterOptionsOf(options, options.brokerIds ?? [...defaultBrokerIds]);
    // Fails now (not at `up`) on options that cannot work, such as 3 broker ids with 2 ports.
    planCluster(this.#clusterOptions);
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
      const known = planCluster(this.#clusterOptions).map((node) => node.name);
      if (!known.includes(name)) throw unknownNode(name, known);
      const cluster = this.#cluster;
      if (this.#state !== 'up' || !cluster) throw clusterDown(`${action} ${name}`);
      const state = cluster.status().nodes.find((node) => node.name === name)!.state;
      refusePointlessAction(name, state, action);
      if (action === 'isolate') cluster.isolate(name);
      else if (action === 'heal') cluster.heal(name);
      else await cluster[action](name);
      return this.#status();
    });
  }

  /** Other broker ids (same ports): a running cluster goes down and comes up with them; a no-op when unchanged. */
  configure(spec: ClusterSpec): Promise<ClusterStatus> {
    return this.#queue.run(async () => {
      const brokerIds = spec.brokerIds ?? this.#options.brokerIds ?? [...defaultBrokerIds];
      const current = this.#clusterOptions.brokers?.ids ?? defaultBrokerIds;
      if (brokerIds.length === current.length && brokerIds.every((id, i) => id === current[i])) return this.#status();
      const next = clusterOptionsOf(this.#options, [...brokerIds]);
      try {
        planCluster(next);
      } catch (error) {
        if (!(error instanceof EmbeddedClusterError)) throw error;
        throw new ApiError('bad_request', 400, `Cannot run broker ids ${brokerIds.join(', ')}: ${error.message}.`, error.hint);
      }
      const wasUp = this.#state === 'up';
      await this.#tearDown();
      this.#clusterOptions = next;
      if (wasUp) await this.#bringUp();
      return this.#status();
    });
  }

  /**
   * The lab shell over the Kafka tools, whose only network is the cluster's own ports on loopback (over
   * the cluster's transport) and whose `kafkalab` drives `options.controls` (default this runtime).
   */
  async openTerminal(size: TerminalSize, options: TerminalOptions = {}): Promise<TerminalSession> {
    const env = hostToolEnvironment({
      transport: clusterOnlyTransport(this.#clusterOptions.transport, () => this.#nodePorts()),
      cluster: options.controls ?? this,
    });
    return new LabShell({ commands: labCommandRegistry(), env, size });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.down();
  }

  /** Every node's port, running or not (a stopped node's port refuses by itself). */
  #nodePorts(): number[] {
    const nodes = this.#cluster ? this.#cluster.status().nodes : planCluster(this.#clusterOptions);
    return nodes.map((node) => node.port);
  }

  #setState(state: ClusterState): void {
    this.#state = state;
    this.#events.send({ type: 'cluster-state', state });
  }

  async #bringUp(): Promise<void> {
    this.#setState('starting');
    try {
      const cluster = await EmbeddedCluster.start(this.#clusterOptions);
      this.#cluster = cluster;
      cluster.on('node-state', ({ node, state }) => this.#events.send({ type: 'node-state', node, state }));
      cluster.on('zookeeper-leader', (node) => this.#events.send({ type: 'zookeeper-leader', node }));
      cluster.on('zookeeper-quorum-lost', () => this.#events.send({ type: 'zookeeper-quorum-lost' }));
      cluster.on('zookeeper-quorum-regained', (leader) => this.#events.send({ type: 'zookeeper-quorum-regained', leader }));
      cluster.on('controller', (brokerId) => this.#events.send({ type: 'kafka-controller', brokerId }));
      cluster.on('controller-request', (request) => this.#events.send({ type: 'kafka-controller-request', ...request }));
      this.#observer = await cluster.openZooKeeperClient({ logger: silentLogger });
      this.#setState('up');
      // What happened while the cluster started, for listeners that follow node by node.
      const status = cluster.status();
      for (const node of status.nodes) this.#events.send({ type: 'node-state', node: node.name, state: node.state });
      if (status.zookeeper.leader) this.#events.send({ type: 'zookeeper-leader', node: status.zookeeper.leader });
      if (status.controllerId !== null) this.#events.send({ type: 'kafka-controller', brokerId: status.controllerId });
    } catch (error) {
      await this.#tearDown();
      throw portInUse(error) ?? error;
    }
  }

  async #tearDown(): Promise<void> {
    if (this.#state === 'down' && !this.#cluster) return;
    this.#setState('stopping');
    await this.#observer?.close().catch(() => {});
    this.#observer = null;
    await this.#cluster?.close();
    this.#cluster = null;
    this.#setState('down');
  }

  async #status(): Promise<ClusterStatus> {
    const cluster = this.#cluster;
    const host = this.#clusterOptions.host!;
    const nodes: ClusterNodeStatus[] = cluster
      ? cluster.status().nodes.map(({ serving: _serving, ...node }) => node)
      : planCluster(this.#clusterOptions).map((node) => ({
          name: node.name,
          kind: node.kind,
          id: node.id,
          state: 'stopped' as const,
          host,
          port: node.port,
          ...(node.kind === 'zookeeper' ? { mode: 'stopped' as const } : { controller: false }),
        }));
    const status: ClusterStatus = {
      runtime: 'embedded',
      state: this.#state,
      capabilities: { nodeActions: [...NODE_ACTIONS], brokerIds: true },
      nodes,
      connections: {
        zookeeper: nodes.filter((node) => node.kind === 'zookeeper').map((node) => `${node.host}:${node.port}`).join(','),
        bootstrapServers: nodes.filter((node) => node.kind === 'kafka').map((node) => `${host}:${node.port}`).join(','),
      },
    };
    // Kafka's view comes from ZooKeeper: without a serving member it cannot be read (and would cost a timeout).
    const zookeeperServes = cluster?.status().nodes.some((node) => node.kind === 'zookeeper' && node.serving) ?? false;
    if (this.#state === 'up' && this.#observer && zookeeperServes) {
      const view = await withTimeout(describeKafkaCluster(this.#observer), 2000).catch(() => null);
      if (view) status.kafka = { controllerId: view.controllerId, topics: view.topics };
    }
    return status;
  }
}

/** The cluster the runtime's options describe, with `brokerIds` as its broker ids. */
function clusterOptionsOf(options: EmbeddedRuntimeOptions, brokerIds: number[]): EmbeddedClusterOptions {
  const dataDir = options.dataDir;
  return {
    transport: options.transport ?? new TcpTransport(),
    host: options.host ?? '127.0.0.1',
    // Over TCP, clients on this machine reach the brokers as localhost, as with the Docker stack (another
    // transport, such as MemoryTransport, knows listeners only by the address they bound).
    advertisedHost: !options.transport && (options.host ?? '127.0.0.1') === '127.0.0.1' ? 'localhost' : options.host,
    zookeeper: {
      ports: options.zookeeperPorts ?? [...defaultZooKeeperPorts],
      storage: dataDir ? (id) => new FileStorage(join(dataDir, `zookeeper-${id}`)) : undefined,
    },
    brokers: {
      ids: brokerIds,
      ports: options.kafkaPorts ?? [...defaultKafkaPorts],
      config: { ...courseBrokerConfig, ...options.brokerConfig },
      storage: dataDir ? (id) => new FsBrokerStorage(join(dataDir, `kafka-${brokerIds.indexOf(id) + 1}`), id) : undefined,
    },
    logger: options.log ? createLogger((line) => options.log?.(`[${line.node}] ${line.message}${line.fields ? ' ' + JSON.stringify(line.fields) : ''}`), 'info') : silentLogger,
  };
}

export function createEmbeddedRuntime(options: EmbeddedRuntimeOptions = {}): EmbeddedRuntime {
  return new EmbeddedRuntime(options);
}
