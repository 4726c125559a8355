/**
 * One Kafka broker in ZooKeeper mode, as the course runs three of them.
 *
 * Startup follows Kafka's `KafkaServer.startup`: connect to ZooKeeper (every server of
 * `zookeeperConnect`, failing over between them), create the top-level znodes, read or create
 * `/cluster/id`, load the metadata, register the ephemeral `/brokers/ids/<id>`, and take part in the
 * controller election. `stop()` is a controlled shutdown (leaderships move away first, then the session
 * is closed); `kill()` is a crash (sockets cut, the session left to expire).
 *
 *   const broker = await KafkaBroker.start({ id: 1, transport: new TcpTransport(), port: 19092,
 *     zookeeperConnect: '127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183' });
 *
 * A broker has one PLAINTEXT listener (`host`, `port`, `advertisedHost`) or, as Kafka's `listeners` /
 * `advertised.listeners`, several named ones (`listeners`, see `network/broker-listeners.ts`): clients are
 * answered the addresses of the listener they connected through, and brokers dial each other on
 * `interBrokerListenerName`.
 */
import { silentLogger } from '../logger.ts';
import type { Logger } from '../logger.ts';
import type { Connection, Listener, Transport } from '../transport/transport.ts';
import { TypedEmitter } from '../typed-emitter.ts';
import { ZooKeeperClient } from '../zookeeper/client/index.ts';
import type { ZooKeeperClientState } from '../zookeeper/client/index.ts';
import { resolveBrokerConfig } from './broker-config.ts';
import { DynamicBrokerConfig } from './dynamic-broker-config.ts';
import type { BrokerConfig } from './broker-config.ts';
import { ApiRegistry } from './broker/api-handler.ts';
import { endpointOn } from './broker/listener-endpoint.ts';
import type { AnyApiHandler } from './broker/api-handler.ts';
import type { BrokerEndpoint, BrokerServices, GroupCoordinatorService } from './broker/broker-services.ts';
import { ClientConnection } from './broker/client-connection.ts';
import { FaultInjector } from './broker/fault-injector.ts';
import { builtinApiHandlers } from './broker/handlers/index.ts';
import { KafkaController } from './controller/kafka-controller.ts';
import type { ControllerRequestEvent } from './controller/controller-requests.ts';
import { TopicAdmin } from './controller/topic-admin.ts';
import { GroupCoordinator } from './group/group-coordinator.ts';
import type { BrokerStorage } from './log/broker-storage.ts';
import { ZkMetadataCache } from './metadata/zk-metadata-cache.ts';
import { BrokerChannel } from './network/broker-channel.ts';
import { DEFAULT_LISTENER_NAME, formatAddress, ListenerConfigError, resolveListeners } from './network/broker-listeners.ts';
import type { BrokerListenerSpec, ListenerOptions, ListenerSettings } from './network/broker-listeners.ts';
import { CONTROLLED_SHUTDOWN, decodeControlledShutdownResponse, encodeControlledShutdownRequest } from './network/inter-broker-messages.ts';
import { SeverableTransport } from './network/severable-transport.ts';
import { OffsetsTopicAccess } from './replication/offsets-topic-access.ts';
import { ReplicaManager } from './replication/replica-manager.ts';
import { KafkaZk } from './zk/kafka-zk.ts';
import type { RegisteredEndpoint } from './zk/znode-json.ts';

export interface KafkaBrokerOptions {
  /** `broker.id`, e.g. 1..3 (a lab may use 101..103). */
  id: number;
  /** Where clients and other brokers connect (`TcpTransport` for real clients). */
  transport: Transport;
  /** Single-listener form: interface to bind (default 127.0.0.1). */
  host?: string;
  /** Single-listener form: port to listen on; 0 picks a free one (tests). */
  port?: number;
  /** Single-listener form: host written into `/brokers/ids/<id>` and Metadata (`advertised.listeners`); default: `host`. */
  advertisedHost?: string;
  /** Several named listeners (Kafka's `listeners` with their `advertised.listeners`), instead of host/port/advertisedHost. */
  listeners?: readonly ListenerOptions[];
  /** `listener.security.protocol.map` (listener name -> protocol); only PLAINTEXT listeners can be served. */
  listenerSecurityProtocolMap?: Readonly<Record<string, string>>;
  /** `inter.broker.listener.name`: the listener replica fetchers and controlled shutdown dial (default PLAINTEXT). */
  interBrokerListenerName?: string;
  /** `zookeeper.connect`: `host:port,host:port[/chroot]`. */
  zookeeperConnect: string;
  /** How to reach ZooKeeper (default: `transport`). */
  zookeeperTransport?: Transport;
  /** Broker settings (`num.partitions`, timeouts, ...); see `BrokerConfig` for the teaching defaults. */
  config?: Partial<BrokerConfig>;
  /** `broker.rack` (Metadata shows it). */
  rack?: string;
  logger?: Logger;
  /** Persistent log dir; default: memory only. */
  storage?: BrokerStorage;
  /** Extra or replacement API handlers (tests). */
  handlers?: readonly AnyApiHandler[];
}

/** A listener once bound: its name, where it listens, what it advertises. */
export interface BoundListener {
  readonly name: string;
  readonly securityProtocol: string;
  /** The bound interface (`0.0.0.0`: every one). */
  readonly host: string;
  /** The bound port (the real one when 0 was asked for). */
  readonly port: number;
  /** Advertised address, or null when this listener is not advertised. */
  readonly advertised: { readonly host: string; readonly port: number } | null;
}

export type KafkaBrokerState = 'starting' | 'running' | 'stopping' | 'stopped' | 'killed';

export interface KafkaBrokerStatus {
  id: number;
  host: string;
  port: number;
  running: boolean;
  /** True while this broker is the active controller. */
  controller: boolean;
  state: KafkaBrokerState;
}

type KafkaBrokerEvents = {
  state: [KafkaBrokerState];
  /** This broker won (true) or lost (false) the controller election. */
  controller: [boolean];
  /** As the active controller, it sent a LeaderAndIsr / UpdateMetadata / StopReplica (with the answer). */
  'controller-request': [ControllerRequestEvent];
};

/** The parts of a broker that live and die with its ZooKeeper session. */
interface ZkSession {
  client: ZooKeeperClient;
  zk: KafkaZk;
  cache: ZkMetadataCache;
  replicas: ReplicaManager;
  admin: TopicAdmin;
  controller: KafkaController;
  offsetsTopic: OffsetsTopicAccess;
  group: GroupCoordinatorService | null;
}

/** How long a controlled shutdown may take before the broker leaves anyway (Kafka retries 3 times). */
const CONTROLLED_SHUTDOWN_TIMEOUT_MS = 5000;

export class KafkaBroker extends TypedEmitter<KafkaBrokerEvents> {
  readonly id: number;
  /** The first listener's bound interface. */
  readonly host: string;
  /** The first listener's advertised host. */
  readonly advertisedHost: string;
  readonly interBrokerListenerName: string;
  readonly config: BrokerConfig;
  /** `/config/brokers/<id>` and `<default>` applied over `config` (AlterConfigs on brokers). */
  readonly dynamicConfig: DynamicBrokerConfig;
  readonly faults = new FaultInjector();
  readonly #options: KafkaBrokerOptions;
  readonly #log: Logger;
  readonly #zkTransport: SeverableTransport;
  readonly #peerTransport: SeverableTransport;
  readonly #connections = new Set<ClientConnection>();
  readonly #listenerSpecs: readonly BrokerListenerSpec[];
  /** Bound listeners, by name, in the configured order. */
  readonly #bound = new Map<string, Listener>();
  /** Each listener's port once bound, kept after the broker stops (a stopped broker still had its address). */
  readonly #boundPorts = new Map<string, number>();
  /** Everything tied to one ZooKeeper session; rebuilt when the session expires. */
  #session: ZkSession | undefined;
  #services: BrokerServices | undefined;
  #apis: ApiRegistry | undefined;
  #clusterId = '';
  /** Registered in `/brokers/ids` (connections are accepted from then on, while startup completes). */
  #registered = false;
  #state: KafkaBrokerState = 'starting';

  private constructor(options: KafkaBrokerOptions) {
    super();
    if (!Number.isInteger(options.id) || options.id < 0) {
      throw new RangeError(`broker id must be a non-negative integer, got ${options.id} (Kafka's broker.id)`);
    }
    this.id = options.id;
    const resolved = resolveListeners(listenerSettingsOf(options));
    this.#listenerSpecs = resolved.listeners;
    this.interBrokerListenerName = resolved.interBrokerListenerName;
    const first = resolved.listeners[0];
    this.host = first.bindHost;
    this.advertisedHost = first.advertised?.host ?? first.bindHost;
    this.config = resolveBrokerConfig(options.config);
    this.#options = options;
    this.#log = (options.logger ?? silentLogger).child(`kafka-${options.id}`);
    this.dynamicConfig = new DynamicBrokerConfig(options.id, this.config, this.#log.child('config'));
    this.#zkTransport = new SeverableTransport(options.zookeeperTransport ?? options.transport);
    this.#peerTransport = new SeverableTransport(options.transport);
  }

  /** Starts a broker and resolves once it is registered in ZooKeeper and serving. */
  static async start(options: KafkaBrokerOptions): Promise<KafkaBroker> {
    const broker = new KafkaBroker(options);
    try {
      await broker.#start();
    } catch (error) {
      await broker.kill().catch(() => undefined);
      throw error;
    }
    return broker;
  }

  /** The first listener's port (the real one when 0 was asked for). */
  get port(): number {
    const first = this.#listenerSpecs[0];
    return this.#bound.get(first.name)?.port ?? this.#boundPorts.get(first.name) ?? first.port;
  }

  /** Every listener with its bound port and advertised address (port 0 resolved once bound). */
  get listeners(): BoundListener[] {
    return this.#listenerSpecs.map((spec) => {
      const port = this.#bound.get(spec.name)?.port ?? this.#boundPorts.get(spec.name) ?? spec.port;
      const advertised = spec.advertised && { host: spec.advertised.host, port: spec.advertised.port || port };
      return { name: spec.name, securityProtocol: spec.securityProtocol, host: spec.bindHost, port, advertised };
    });
  }

  get state(): KafkaBrokerState {
    return this.#state;
  }

  /** This broker's current ZooKeeper session (read-only): its id (a new one after an expiry) and its client's state. */
  get zookeeperSession(): { readonly id: bigint; readonly state: ZooKeeperClientState } | undefined {
    const client = this.#session?.client;
    return client && { id: client.sessionId, state: client.state };
  }

  /** What handlers see (tests use it to reach the metadata and the replicas). */
  get services(): BrokerServices {
    if (!this.#services) throw new Error(`broker ${this.id} is not started`);
    return this.#services;
  }

  status(): KafkaBrokerStatus {
    return {
      id: this.id,
      host: this.advertisedHost,
      port: this.port,
      running: this.#state === 'running',
      controller: this.#state === 'running' && (this.#session?.controller.isActive ?? false),
      state: this.#state,
    };
  }

  /** Controlled shutdown: leaderships move to other ISR members, then the ZooKeeper session is closed. */
  async stop(): Promise<void> {
    if (this.#state !== 'running' && this.#state !== 'starting') return;
    this.#setState('stopping');
    if (this.config.controlledShutdownEnable && this.#services) await this.#controlledShutdown();
    await this.#stopServices();
    for (const connection of this.#connections) connection.close('broker stopping');
    this.#connections.clear();
    await this.#closeListeners();
    await this.#session?.client.close().catch(() => undefined);
    this.#peerTransport.sever();
    await this.#options.storage?.close();
    this.#setState('stopped');
    this.#log.info('stopped');
  }

  /** Crash: every socket cut at once, nothing said to ZooKeeper (the session expires on its own). */
  async kill(): Promise<void> {
    if (this.#state === 'stopped' || this.#state === 'killed') return;
    this.#zkTransport.sever();
    this.#peerTransport.sever();
    for (const connection of this.#connections) connection.close('broker killed', true);
    this.#connections.clear();
    await this.#closeListeners();
    await this.#stopServices();
    // The session cannot reach ZooKeeper any more: closing only stops the client's timers.
    void this.#session?.client.close().catch(() => undefined);
    await this.#options.storage?.close().catch(() => undefined);
    this.#setState('killed');
    this.#log.info('killed');
  }

  /**
   * Fault injection: cuts this broker off from ZooKeeper (clients still reach it) until the returned
   * function is called. Longer than the session timeout, the ensemble expires its session: the controller
   * moves its leaderships, and once healed the broker re-registers with a new session.
   */
  isolateFromZooKeeper(): () => void {
    this.#zkTransport.sever();
    return () => this.#zkTransport.heal();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.kill();
  }

  // ---- startup --------------------------------------------------------------------------------------------

  async #start(): Promise<void> {
    // Like Kafka's SocketServer: every listener is bound before the broker registers (port 0 resolved).
    for (const spec of this.#listenerSpecs) {
      const listener = await this.#options.transport.listen(spec.bindHost, spec.port, (connection) => this.#accept(connection, spec.name));
      this.#bound.set(spec.name, listener);
      this.#boundPorts.set(spec.name, listener.port);
    }
    this.#apis = new ApiRegistry([...builtinApiHandlers, ...(this.#options.handlers ?? [])]);
    this.#services = this.#createServices();
    await this.#openSession();
    this.#setState('running');
    const endpoints = this.listeners.map((l) => `${l.name}://${l.host}:${l.port}${l.advertised ? ` (advertised ${formatAddress(l.advertised.host, l.advertised.port)})` : ''}`);
    this.#log.info('started', { listeners: endpoints.join(', '), clusterId: this.#clusterId });
  }

  /** What handlers see; the session-bound parts are read through to the current session. */
  #createServices(): BrokerServices {
    const broker = this;
    const session = () => {
      if (!broker.#session) throw new Error(`broker ${broker.id} has no ZooKeeper session`);
      return broker.#session;
    };
    return {
      brokerId: this.id,
      config: this.config,
      logger: this.#log,
      apis: this.#apis!,
      faults: this.faults,
      get metadata() {
        return session().cache;
      },
      partitionLeaderFor: (topic, partition, listenerName) => this.#leaderFor(topic, partition, listenerName),
      get offsetsTopic() {
        return session().offsetsTopic;
      },
      get groupCoordinator() {
        return broker.#session?.group ?? null;
      },
      set groupCoordinator(value: GroupCoordinatorService | null) {
        if (broker.#session) broker.#session.group = value;
      },
      get internals() {
        const { replicas, admin, controller, cache, zk } = session();
        return { replicas, admin, controller, cache, zk, dynamicConfig: broker.dynamicConfig };
      },
    };
  }

  /**
   * Kafka's startup against ZooKeeper: connect, top-level paths, cluster id, metadata, replicas, broker
   * registration, controller election, group coordinator. `carried` are the replica logs of a previous
   * session (after an expiry), kept rather than reloaded.
   */
  async #openSession(carried?: ReplicaManager): Promise<void> {
    const log = this.#log;
    await this.#ensureChroot();
    const zkClient = new ZooKeeperClient({
      connectString: this.#options.zookeeperConnect,
      transport: this.#zkTransport,
      sessionTimeoutMs: this.config.zookeeperSessionTimeoutMs,
      connectTimeoutMs: Math.max(10_000, this.config.zookeeperSessionTimeoutMs),
      logger: log,
    });
    zkClient.on('session-expired', () => void this.#onSessionExpired(zkClient));
    await zkClient.connect();
    const zk = new KafkaZk(zkClient, log);
    await zk.createTopLevelPaths();
    this.#clusterId = await zk.getOrCreateClusterId();
    await this.dynamicConfig.start(zk);
    const cache = new ZkMetadataCache(zkClient, this.#clusterId, log.child('metadata'));
    await cache.start();
    const replicas = new ReplicaManager({
      brokerId: this.id,
      config: this.config,
      cache,
      zk,
      transport: this.#peerTransport,
      interBrokerListenerName: this.interBrokerListenerName,
      logger: log.child('replicas'),
      storage: this.#options.storage,
      carriedPartitions: carried ? [...carried.partitions()] : undefined,
    });
    const admin = new TopicAdmin(zk, cache, this.config, log.child('admin'));
    const controller = new KafkaController(this.id, zk, cache, this.config, log.child('controller'), {
      transport: this.#peerTransport,
      listenerName: this.interBrokerListenerName,
    });
    const offsetsTopic = new OffsetsTopicAccess(replicas, admin, this.config);
    const session: ZkSession = { client: zkClient, zk, cache, replicas, admin, controller, offsetsTopic, group: null };
    this.#session = session;
    session.group = new GroupCoordinator(this.#services!);
    await replicas.start();
    await zk.registerBroker(
      { id: this.id, listeners: this.#registeredEndpoints(), rack: this.#options.rack ?? null },
      this.config.zookeeperSessionTimeoutMs * 3,
      () => this.#session !== session || (this.#state !== 'starting' && this.#state !== 'running'),
    );
    this.#registered = true;
    controller.on('active', (active) => this.emit('controller', active));
    controller.on('request', (event) => this.emit('controller-request', event));
    admin.useLeaderReadiness(controller);
    await controller.start();
    // Serve once this broker knows who the controller is (admin requests go there).
    for (let waited = 0; cache.controllerId() === null && waited < 2000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await session.group.start?.();
  }

  /** Like Kafka, creates the chroot of `zookeeper.connect` (`host:port/kafka`) when it is missing. */
  async #ensureChroot(): Promise<void> {
    const connect = this.#options.zookeeperConnect.trim();
    const slash = connect.indexOf('/');
    if (slash === -1 || connect.slice(slash) === '/') return;
    const root = new ZooKeeperClient({
      connectString: connect.slice(0, slash),
      transport: this.#zkTransport,
      sessionTimeoutMs: this.config.zookeeperSessionTimeoutMs,
      logger: this.#log,
    });
    try {
      await root.connect();
      await root.mkdirp(connect.slice(slash));
    } finally {
      await root.close().catch(() => undefined);
    }
  }

  /**
   * The ensemble expired this broker's session (it could not reach ZooKeeper for the session timeout):
   * its registration and leaderships are gone. Like Kafka, it re-registers with a new session, keeping
   * its logs; the controller then treats it as a returning broker.
   */
  async #onSessionExpired(client: ZooKeeperClient): Promise<void> {
    const session = this.#session;
    if (!session || session.client !== client || this.#state !== 'running') return;
    this.#log.warn('ZooKeeper session expired: re-registering with a new session', {});
    await this.#closeSession(session);
    for (let attempt = 1; this.#state === 'running'; attempt++) {
      try {
        await this.#openSession(session.replicas);
        this.#log.info('re-registered after session expiry', { attempt });
        return;
      } catch (error) {
        this.#log.warn('re-registration failed; retrying', { attempt, error: String(error) });
        if (this.#session) await this.#closeSession(this.#session);
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * attempt)));
      }
    }
  }

  async #closeSession(session: ZkSession): Promise<void> {
    try {
      await session.group?.stop?.();
    } catch (error) {
      this.#log.warn('group coordinator stop failed', { error: String(error) });
    }
    session.controller.close();
    this.dynamicConfig.stop();
    session.replicas.stop();
    session.cache.close();
    await session.client.close().catch(() => undefined);
  }

  /** `createBrokerInfo`: the advertised listeners, port 0 replaced by the bound port. */
  #registeredEndpoints(): RegisteredEndpoint[] {
    return this.listeners.flatMap((l) => (l.advertised ? [{ listener: l.name, securityProtocol: l.securityProtocol, host: l.advertised.host, port: l.advertised.port }] : []));
  }

  async #closeListeners(): Promise<void> {
    const listeners = [...this.#bound.values()];
    this.#bound.clear();
    await Promise.all(listeners.map((listener) => listener.close()));
  }

  #accept(connection: Connection, listenerName: string): void {
    const services = this.#services;
    // Like Kafka before "request processing is enabled": nothing is served until the broker is registered
    // (from then on the controller's LeaderAndIsr must reach it: it leads nothing until it does).
    if (!services || (this.#state !== 'running' && !(this.#state === 'starting' && this.#registered))) {
      connection.destroy();
      return;
    }
    const client = new ClientConnection(connection, services, this.#log.child('network'), listenerName);
    this.#connections.add(client);
    connection.onClose(() => this.#connections.delete(client));
  }

  #leaderFor(topic: string, partition: number, listenerName: string): BrokerEndpoint | null {
    const cache = this.#session?.cache;
    const state = cache?.cachedTopic(topic)?.states.get(partition);
    if (!cache || !state || state.leader < 0) return null;
    const leader = cache.broker(state.leader);
    return (leader && endpointOn(leader, listenerName)) ?? null;
  }

  // ---- shutdown ---------------------------------------------------------------------------------------------

  /** Asks the controller to move this broker's leaderships (itself, when it is the controller). */
  async #controlledShutdown(): Promise<void> {
    const controller = this.#session?.controller;
    const cache = this.#session?.cache;
    if (!controller || !cache) return;
    const deadline = Date.now() + CONTROLLED_SHUTDOWN_TIMEOUT_MS;
    for (let attempt = 1; attempt <= 3 && Date.now() < deadline; attempt++) {
      try {
        if (controller.isActive) {
          const result = await controller.controlledShutdown(this.id);
          if (result.remaining.length === 0) break;
        } else {
          const controllerId = cache.controllerId();
          const controllerBroker = controllerId === null ? undefined : cache.broker(controllerId);
          if (!controllerBroker) throw new Error('no controller');
          // Kafka dials the controller's inter-broker listener.
          const endpoint = endpointOn(controllerBroker, this.interBrokerListenerName);
          if (!endpoint) throw new Error(`controller ${controllerBroker.id} has no ${this.interBrokerListenerName} listener`);
          const channel = await BrokerChannel.open(this.#peerTransport, endpoint.host, endpoint.port, `broker-${this.id}-shutdown`);
          try {
            const reader = await channel.request(
              CONTROLLED_SHUTDOWN.apiKey,
              CONTROLLED_SHUTDOWN.version,
              (writer) => encodeControlledShutdownRequest(writer, { brokerId: this.id }),
              Math.max(100, deadline - Date.now()),
            );
            const response = decodeControlledShutdownResponse(reader);
            if (response.errorCode === 0 && response.remainingPartitions.length === 0) break;
            this.#log.info('controlled shutdown incomplete', { errorCode: response.errorCode, remaining: response.remainingPartitions.length });
          } finally {
            channel.close();
          }
        }
      } catch (error) {
        this.#log.warn('controlled shutdown attempt failed', { attempt, error: String(error) });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Let this broker's replicas see the new leaders (followers stop waiting on us) before leaving.
    await this.#waitForLeadershipMoved(Math.max(0, Math.min(1000, deadline - Date.now())));
    // As the controller, let the other brokers hear of the leaders it just moved.
    if (controller.isActive) await controller.settle(Math.max(0, Math.min(1000, deadline - Date.now())));
  }

  async #waitForLeadershipMoved(timeoutMs: number): Promise<void> {
    const replicas = this.#session?.replicas;
    if (!replicas) return;
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const leading = [...replicas.partitions()].some((p) => p.role === 'leader' && p.isr.length > 1);
      if (!leading) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops everything bound to the ZooKeeper session, without closing the session itself. */
  async #stopServices(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    try {
      await session.group?.stop?.();
    } catch (error) {
      this.#log.warn('group coordinator stop failed', { error: String(error) });
    }
    session.controller.close();
    this.dynamicConfig.stop();
    session.replicas.stop();
    session.cache.close();
  }

  #setState(state: KafkaBrokerState): void {
    this.#state = state;
    this.emit('state', state);
  }
}

/** The listeners the options describe: `listeners`, or the single PLAINTEXT listener of host/port/advertisedHost. */
function listenerSettingsOf(options: KafkaBrokerOptions): ListenerSettings {
  if (options.listeners) {
    if (options.port !== undefined || options.host !== undefined || options.advertisedHost !== undefined) {
      throw new ListenerConfigError('broker options give both listeners and host/port/advertisedHost', 'Use one form: listeners (several named listeners) or host/port (one PLAINTEXT listener).');
    }
    return { listeners: options.listeners, securityProtocolMap: options.listenerSecurityProtocolMap, interBrokerListenerName: options.interBrokerListenerName };
  }
  if (options.port === undefined) {
    throw new ListenerConfigError('broker options give no port and no listeners', 'Give port (0 picks a free one) or listeners.');
  }
  const host = options.host ?? '127.0.0.1';
  return {
    listeners: [{ name: DEFAULT_LISTENER_NAME, host, port: options.port, advertisedHost: options.advertisedHost ?? host }],
    securityProtocolMap: options.listenerSecurityProtocolMap,
    interBrokerListenerName: options.interBrokerListenerName,
  };
}
