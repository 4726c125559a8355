/**
 * The embedded teaching cluster as a library: a ZooKeeper ensemble (3 members by default) and Kafka
 * brokers in ZooKeeper mode (3 by default), in this process or browser tab, speaking the real wire
 * protocols over the given `Transport` (TCP for kafkajs and kcat, in-memory pipes in a browser or a test).
 *
 *   await using cluster = await EmbeddedCluster.start({ transport: new MemoryTransport() });
 *   await cluster.stop('kafka-2');       // controlled shutdown; also kill, start, isolate, heal
 *   cluster.on('node-state', ({ node, state }) => ...);
 *   cluster.status();                    // nodes running/stopped/isolated, ZooKeeper modes, controller
 *
 * Nodes are named `zookeeper-1..n` (member id n) and `kafka-1..n` (the n-th broker, whatever its id). A
 * node keeps its storage across stop/kill and start, as a disk would. The brokers can also run against
 * an external ZooKeeper (`zookeeper: { connect }`), such as a real ZooKeeper 3.8.
 */
import { courseBrokerConfig } from './course-broker-config.ts';
import { EmbeddedClusterError, isExternalZooKeeper, planCluster } from './embedded-cluster-options.ts';
import type { EmbeddedClusterOptions, NodeKind, NodePlan } from './embedded-cluster-options.ts';
import type { EmbeddedClusterEvents, EmbeddedClusterStatus, EmbeddedNodeStatus, NodeState } from './embedded-cluster-status.ts';
import type { BrokerConfig } from './kafka/broker-config.ts';
import { KafkaBroker } from './kafka/kafka-broker.ts';
import type { BrokerStorage } from './kafka/log/broker-storage.ts';
import { MemoryBrokerStorage } from './kafka/log/memory-broker-storage.ts';
import { silentLogger } from './logger.ts';
import type { Logger } from './logger.ts';
import { NetworkPartition } from './network-partition.ts';
import { pollUntil } from './poll-until.ts';
import type { Transport } from './transport/transport.ts';
import { ZooKeeperClient } from './zookeeper/client/index.ts';
import { ZooKeeperEnsemble } from './zookeeper/zookeeper-ensemble.ts';
import { TypedEmitter } from './typed-emitter.ts';

interface BrokerSlot extends NodePlan {
  /** Created once, kept across restarts; undefined: the log lives in the broker object only (lost on restart). */
  storage: BrokerStorage | undefined;
  /** What the broker listens and dials other brokers through (cut by `isolate`). */
  peerTransport: Transport;
  /** What the broker reaches ZooKeeper through (cut by `isolate`). */
  zookeeperTransport: Transport;
}

/** The pseudo-node behind every broker's ZooKeeper connections: isolating a broker cuts them. */
const ZOOKEEPER_SERVICE = 'zookeeper';

export class EmbeddedCluster extends TypedEmitter<EmbeddedClusterEvents> implements AsyncDisposable {
  readonly transport: Transport;
  readonly host: string;
  readonly advertisedHost: string;
  /** The brokers' settings as given (unset keys take `defaultBrokerConfig`). */
  readonly brokerConfig: Readonly<Partial<BrokerConfig>>;
  /** Kafka's chroot in ZooKeeper (`/kafka`), or '' for none. */
  readonly chroot: string;
  readonly #logger: Logger;
  readonly #options: EmbeddedClusterOptions;
  readonly #partition = new NetworkPartition();
  readonly #zookeeperPlan: NodePlan[];
  readonly #slots: BrokerSlot[];
  readonly #brokers = new Map<number, KafkaBroker>();
  readonly #reported = new Map<string, NodeState>();
  #ensemble: ZooKeeperEnsemble | undefined;
  #closed = false;

  private constructor(options: EmbeddedClusterOptions) {
    super();
    const plan = planCluster(options);
    this.#options = options;
    this.transport = options.transport;
    this.host = options.host ?? '127.0.0.1';
    this.advertisedHost = options.advertisedHost ?? this.host;
    this.brokerConfig = options.brokers?.config ?? courseBrokerConfig;
    this.chroot = options.zookeeper?.chroot ?? '';
    this.#logger = options.logger ?? silentLogger;
    this.#zookeeperPlan = plan.filter((node) => node.kind === 'zookeeper');
    this.#slots = plan
      .filter((node) => node.kind === 'kafka')
      .map((node) => ({
        ...node,
        storage: options.brokers?.storage ? options.brokers.storage(node.id) : new MemoryBrokerStorage(),
        peerTransport: this.#partition.transportFor(node.name, this.transport, (host, port) => this.#brokerAt(host, port)),
        zookeeperTransport: this.#partition.transportFor(node.name, this.transport, () => ZOOKEEPER_SERVICE),
      }));
  }

  /**
   * Starts every node; resolves once the cluster serves: every ZooKeeper member serving, every broker
   * registered, a controller elected and known to every broker. On failure, what started is stopped and
   * the first error is thrown (a listen error keeps its `code`, such as EADDRINUSE, on its `cause` chain).
   */
  static async start(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
    const cluster = new EmbeddedCluster(options);
    try {
      await cluster.#startAll();
    } catch (error) {
      await cluster.close();
      throw error;
    }
    return cluster;
  }

  /** The cluster's own ensemble; undefined when the brokers use an external ZooKeeper. */
  get ensemble(): ZooKeeperEnsemble | undefined {
    return this.#ensemble;
  }

  /** Connect string of the ZooKeeper servers, without the chroot. */
  get zookeeperConnect(): string {
    const zookeeper = this.#options.zookeeper;
    if (isExternalZooKeeper(zookeeper)) return zookeeper.connect;
    return this.#ensemble?.connectString() ?? this.#zookeeperPlan.map((node) => `${this.host}:${node.port}`).join(',');
  }

  /** The current broker object of every broker id (a restart replaces it). */
  get brokers(): ReadonlyMap<number, KafkaBroker> {
    return this.#brokers;
  }

  /** The current broker object of `id` (running or not). */
  broker(id: number): KafkaBroker {
    const broker = this.#brokers.get(id);
    if (!broker) throw new EmbeddedClusterError(`no broker ${id}`, `broker ids are ${this.#slots.map((slot) => slot.id).join(', ')}`);
    return broker;
  }

  /** `kafka-2` for the second broker id, and so on. */
  brokerName(id: number): string {
    const slot = this.#slots.find((s) => s.id === id);
    if (!slot) throw new EmbeddedClusterError(`no broker ${id}`, `broker ids are ${this.#slots.map((s) => s.id).join(', ')}`);
    return slot.name;
  }

  /** Every node's name, ZooKeeper members first. */
  nodeNames(): string[] {
    return [...this.#zookeeperPlan.map((node) => node.name), ...this.#slots.map((slot) => slot.name)];
  }

  status(): EmbeddedClusterStatus {
    const nodes: EmbeddedNodeStatus[] = [];
    for (const member of this.#ensemble?.status() ?? []) {
      nodes.push({
        name: member.name,
        kind: 'zookeeper',
        id: member.id,
        state: this.#stateOf(member.name),
        host: member.host,
        port: member.clientPort,
        mode: member.mode,
        serving: member.serving,
      });
    }
    let controllerId: number | null = null;
    for (const slot of this.#slots) {
      const broker = this.#brokers.get(slot.id);
      const controller = broker?.status().controller ?? false;
      if (controller) controllerId = slot.id;
      nodes.push({ name: slot.name, kind: 'kafka', id: slot.id, state: this.#stateOf(slot.name), host: this.host, port: slot.port, controller });
    }
    const leaderId = this.#ensemble?.leaderId();
    return {
      nodes,
      zookeeper: { embedded: this.#ensemble !== undefined, connect: this.zookeeperConnect, leader: leaderId === undefined ? null : `zookeeper-${leaderId}` },
      controllerId,
      bootstrapServers: this.#slots.map((slot) => `${this.host}:${slot.port}`),
    };
  }

  /** Graceful stop (a broker moves its leaderships away first). No-op for a stopped node. An isolated node is healed once stopped. */
  async stop(name: string): Promise<void> {
    const node = this.#node(name);
    if (node.kind === 'zookeeper') await this.#ensemble!.stopNode(node.id);
    else await this.#brokers.get(node.id)?.stop();
    this.#healStopped(node);
  }

  /** Abrupt stop, like SIGKILL: a killed broker's ZooKeeper session expires on its own. No-op for a stopped node. */
  async kill(name: string): Promise<void> {
    const node = this.#node(name);
    if (node.kind === 'zookeeper') await this.#ensemble!.killNode(node.id);
    else await this.#brokers.get(node.id)?.kill();
    this.#healStopped(node);
  }

  /** Starts a stopped node again, on its port and with its storage. No-op for a running node. */
  async start(name: string): Promise<void> {
    const node = this.#node(name);
    if (node.kind === 'zookeeper') return this.#ensemble!.startNode(node.id);
    const slot = this.#slots.find((s) => s.name === name)!;
    if (this.#stateOf(name) !== 'stopped') return;
    await this.#startBroker(slot);
  }

  /**
   * Cuts a running node off from its peers until `heal`, like a network partition (clients still reach it):
   * a ZooKeeper member from the other members, a broker from ZooKeeper and the other brokers (its session
   * expires, the controller moves its leaderships, its followers stop fetching from it).
   */
  isolate(name: string): void {
    const node = this.#node(name);
    const state = this.#stateOf(name);
    if (state === 'isolated') return;
    if (state === 'stopped') throw new EmbeddedClusterError(`cannot isolate ${name}: it is stopped`, `start it first: cluster.start('${name}')`);
    if (node.kind === 'zookeeper') this.#ensemble!.isolateNode(node.id);
    else this.#partition.isolate(name);
    this.#report(node);
  }

  /** Reconnects an isolated node. No-op for a node that is not isolated. */
  heal(name: string): void {
    const node = this.#node(name);
    if (!this.#isIsolated(node)) return;
    if (node.kind === 'zookeeper') this.#ensemble!.healNode(node.id);
    else this.#partition.heal(name);
    this.#report(node);
  }

  /** A connected ZooKeeper client on the cluster's servers (no chroot), through the cluster's transport; the caller closes it. */
  async openZooKeeperClient(options: { sessionTimeoutMs?: number; logger?: Logger } = {}): Promise<ZooKeeperClient> {
    const client = new ZooKeeperClient({ connectString: this.zookeeperConnect, transport: this.transport, sessionTimeoutMs: options.sessionTimeoutMs ?? 10_000, logger: options.logger });
    await client.connect();
    return client;
  }

  /** Kills every broker, then stops the ensemble. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#brokers.values()].map((broker) => broker.kill().catch(() => undefined)));
    await this.#ensemble?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ---- internals ------------------------------------------------------------------------------------------

  async #startAll(): Promise<void> {
    const zookeeper = this.#options.zookeeper;
    if (!isExternalZooKeeper(zookeeper)) {
      const ensemble = await ZooKeeperEnsemble.start({
        transport: this.transport,
        host: this.host,
        clientPorts: this.#zookeeperPlan.map((node) => node.port),
        tickTimeMs: zookeeper?.tickTimeMs,
        storage: zookeeper?.storage,
        logger: this.#logger,
      });
      this.#ensemble = ensemble;
      for (const node of this.#zookeeperPlan) node.port = ensemble.status().find((member) => member.id === node.id)!.clientPort;
      ensemble.on('node-state', (member) => this.#report(this.#zookeeperPlan.find((node) => node.id === member.id)!));
      ensemble.on('leader', (id) => this.emit('zookeeper-leader', `zookeeper-${id}`));
      ensemble.on('quorum-lost', () => this.emit('zookeeper-quorum-lost'));
      ensemble.on('quorum-regained', (id) => this.emit('zookeeper-quorum-regained', `zookeeper-${id}`));
      for (const node of this.#zookeeperPlan) this.#report(node);
    }
    // All brokers are started before failing, so that none is left running when another could not listen.
    const results = await Promise.allSettled(this.#slots.map((slot) => this.#startBroker(slot)));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    await this.#waitUntilReady(this.#options.readyTimeoutMs ?? 20_000);
  }

  async #startBroker(slot: BrokerSlot): Promise<void> {
    if (this.#closed) throw new EmbeddedClusterError('the cluster is closed', 'start a new EmbeddedCluster');
    const broker = await KafkaBroker.start({
      id: slot.id,
      transport: slot.peerTransport,
      zookeeperTransport: slot.zookeeperTransport,
      host: this.host,
      port: slot.port,
      advertisedHost: this.advertisedHost,
      zookeeperConnect: this.zookeeperConnect + this.chroot,
      config: this.brokerConfig,
      logger: this.#logger,
      storage: slot.storage,
    });
    if (this.#closed) {
      await broker.kill();
      throw new EmbeddedClusterError('the cluster was closed while a broker started', 'start a new EmbeddedCluster');
    }
    // Later restarts reuse the port the broker got (it may have been 0).
    slot.port = broker.port;
    this.#brokers.set(slot.id, broker);
    broker.on('state', () => this.#report(slot));
    broker.on('controller', (active) => {
      if (active && this.#brokers.get(slot.id) === broker) this.emit('controller', slot.id);
    });
    broker.on('controller-request', (request) => {
      if (this.#brokers.get(slot.id) === broker) this.emit('controller-request', request);
    });
    this.#report(slot);
  }

  /** Every running broker knows a controller and sees every running broker. */
  #waitUntilReady(timeoutMs: number): Promise<void> {
    const running = () => [...this.#brokers.values()].filter((broker) => broker.state === 'running');
    return pollUntil(
      'a controller and every broker in every broker\'s metadata',
      () => running().every((broker) => broker.services.metadata.controllerId() !== null && broker.services.metadata.liveBrokers().length === running().length),
      timeoutMs,
      () => running().map((broker) => `broker ${broker.id} sees ${broker.services.metadata.liveBrokers().length} brokers, controller ${broker.services.metadata.controllerId()}`).join('; '),
      5,
    );
  }

  #node(name: string): NodePlan {
    if (this.#closed) throw new EmbeddedClusterError(`cannot control ${name}: the cluster is closed`, 'start a new EmbeddedCluster');
    const node = this.#zookeeperPlan.find((n) => n.name === name) ?? this.#slots.find((s) => s.name === name);
    if (!node) throw new EmbeddedClusterError(`there is no node called "${name}"`, `nodes are ${this.nodeNames().join(', ')}`);
    return node;
  }

  #stateOf(name: string): NodeState {
    const member = this.#zookeeperPlan.find((n) => n.name === name);
    const running = member
      ? (this.#ensemble?.status().find((status) => status.id === member.id)?.running ?? false)
      : this.#brokers.get(this.#slots.find((s) => s.name === name)!.id)?.state === 'running';
    if (!running) return 'stopped';
    return this.#isIsolated(member ?? this.#slots.find((s) => s.name === name)!) ? 'isolated' : 'running';
  }

  /** Cut off by `isolate` (whether or not it runs). */
  #isIsolated(node: NodePlan): boolean {
    if (node.kind === 'kafka') return this.#partition.isIsolated(node.name);
    return this.#ensemble?.status().find((status) => status.id === node.id)?.isolated ?? false;
  }

  /** A stopped node comes back on a healed network. */
  #healStopped(node: NodePlan): void {
    if (this.#stateOf(node.name) !== 'stopped' || !this.#isIsolated(node)) return;
    if (node.kind === 'zookeeper') this.#ensemble?.healNode(node.id);
    else this.#partition.heal(node.name);
    this.#report(node);
  }

  /** Emits `node-state` when the node's state differs from the last one reported. */
  #report(node: { name: string; kind: NodeKind; id: number }): void {
    const state = this.#stateOf(node.name);
    if (this.#reported.get(node.name) === state) return;
    this.#reported.set(node.name, state);
    this.emit('node-state', { node: node.name, kind: node.kind, id: node.id, state });
  }

  /** The broker listening at `host:port`, if any (what a broker's dial to another broker reaches). */
  #brokerAt(host: string, port: number): string | undefined {
    if (host !== this.host && host !== this.advertisedHost) return undefined;
    return this.#slots.find((slot) => slot.port === port && port !== 0)?.name;
  }
}
