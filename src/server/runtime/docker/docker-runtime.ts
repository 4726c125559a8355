/**
 * The Docker runtime: the repo's docker-compose.yml brought up and down through a Docker-compatible
 * engine's API (Docker, Docker Desktop, rootless Docker, podman), with dockerode. It makes what Docker
 * Compose makes (network, named volumes, one container per service, Compose's labels), starts services in
 * `depends_on` order, waits for readiness with explicit strategies (healthchecks, ZooKeeper's `srvr`,
 * brokers in `/brokers/ids`), and reports the cluster as the embedded runtime does: nodes, ZooKeeper
 * modes, the controller and every partition read from ZooKeeper. Labs and the terminal see only
 * `ClusterRuntime`.
 *
 *   const runtime = new DockerRuntime({ docker, engine, composeFile: 'docker-compose.yml' });
 *   await runtime.up();                        // pulls missing images (image-pull events), then starts
 *   await runtime.nodeAction('kafka-2', 'stop');
 *   await runtime.down({ volumes: true });     // as `docker compose down -v`
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type Docker from 'dockerode';
import { describeKafkaCluster } from '../../../cluster/kafka/kafka-cluster-view.ts';
import { silentLogger } from '../../../cluster/logger.ts';
import { TcpTransport } from '../../../cluster/transport/tcp-transport.ts';
import { TypedEmitter } from '../../../cluster/typed-emitter.ts';
import { ZooKeeperClient } from '../../../cluster/zookeeper/client/zookeeper-client.ts';
import type { TerminalSession, TerminalSize } from '../../../terminal/terminal-session.ts';
import { ApiError } from '../../http-error.ts';
import { courseImageRecipeOf } from '../../images/course-image-recipes.ts';
import { pullImage } from '../../images/image-pull.ts';
import { ImagePullError } from '../../images/image-pull-error.ts';
import type { ClusterEvent, ClusterNodeStatus, ClusterRuntime, ClusterSpec, ClusterState, ClusterStatus, NodeAction, NodeState, RuntimeCapabilities, TerminalOptions } from '../cluster-runtime.ts';
import { clusterDown, refusePointlessAction, unknownNode } from '../runtime-error.ts';
import { SerialQueue } from '../serial-queue.ts';
import { ComposeFileError, planCompose } from './compose/compose-plan.ts';
import { composeInterpolationEnv } from './compose/env-file-io.ts';
import type { ComposePlan, ServicePlan } from './compose/compose-plan.ts';
import { followContainerLogs } from './container-logs.ts';
import { fourLetterWord, srvrMode } from './four-letter-word.ts';
import { ensureContainer, ensureNetwork, ensureVolumes, removeStack } from './stack-resources.ts';
import { companionServices, stackNodes, withBrokerIds } from './stack-nodes.ts';
import type { StackNode } from './stack-nodes.ts';
import { openToolsTerminal } from './tools-container.ts';
import { brokerRegisteredWait } from './wait/broker-registered-wait.ts';
import { healthcheckWait } from './wait/healthcheck-wait.ts';
import { logLineWait } from './wait/log-line-wait.ts';
import { metadataSettledWait } from './wait/metadata-settled-wait.ts';
import { portWait } from './wait/port-wait.ts';
import { allOf, waitFor, WaitTimeoutError } from './wait/wait-strategy.ts';
import type { WaitStrategy } from './wait/wait-strategy.ts';
import { zookeeperServingWait } from './wait/zookeeper-serving-wait.ts';
import { withTimeout } from '../with-timeout.ts';

export interface DockerRuntimeOptions {
  docker: Docker;
  /** Which engine answered, for the status (`Podman 4.3.1`). */
  engine: { name: string; version: string };
  /** Path of docker-compose.yml. */
  composeFile: string;
  /** Variables for the compose file's `${...}` (KAFKALAB_KAFKA_IMAGE, ...); default process.env. */
  env?: Record<string, string | undefined>;
  /** Services to leave out (`--without akhq`). */
  without?: string[];
  profiles?: string[];
  /**
   * Fixed container addresses in this subnet, with /etc/hosts entries for the peers. Podman's DNS on a
   * bridge network makes ZooKeeper slow to form and to recover (peers keep dialling old addresses);
   * default: fixed addresses on podman, Docker's DNS elsewhere.
   */
  staticSubnet?: string | null;
  /** How long `up` (and a node's `start`) may wait for readiness; default 180 s. */
  readyTimeoutMs?: number;
  /** Engine and readiness progress, one line each. */
  log?: (line: string) => void;
}

const CAPABILITIES: RuntimeCapabilities = { nodeActions: ['stop', 'start', 'kill'], brokerIds: true };
/** Where published ports are reached from this machine (the plan binds them to 127.0.0.1). */
const HOST = '127.0.0.1';
const PODMAN_SUBNET = '172.30.57.0/24';
/** `INFO [KafkaServer id=1] started (kafka.server.KafkaServer)`: a Kafka 3.x broker in ZooKeeper mode has started. */
const KAFKA_STARTED = /\[KafkaServer id=\d+\] started \(kafka\.server\.KafkaServer\)/;

export class DockerRuntime implements ClusterRuntime {
  readonly kind = 'docker' as const;
  readonly #options: DockerRuntimeOptions;
  readonly #docker: Docker;
  readonly #queue = new SerialQueue();
  readonly #events = new (class extends TypedEmitter<{ event: [ClusterEvent] }> {
    send(event: ClusterEvent) {
      this.emit('event', event);
    }
  })();
  #state: ClusterState = 'down';
  #brokerIds: number[] | undefined;
  #current: ComposePlan;
  /** Aborts a running `up` (its readiness waits) when `down` or dispose comes. */
  #bringingUp: AbortController | null = null;
  #zookeeper: Promise<ZooKeeperClient> | null = null;
  #zookeeperClient: ZooKeeperClient | null = null;
  #monitor: ReturnType<typeof setTimeout> | null = null;
  #last: LastReported = emptyLastReported();
  /**
   * The healthcheck verdicts the runtime judged itself (engines that do not run healthchecks), per service,
   * with when: a verdict older than two of the service's intervals is not reported (nobody re-ran it).
   */
  readonly #health = new Map<string, { healthy: boolean; at: number }>();

  constructor(options: DockerRuntimeOptions) {
    // Compose labels name the file by its absolute path (com.docker.compose.project.config_files).
    this.#options = { ...options, composeFile: resolve(options.composeFile) };
    this.#docker = options.docker;
    // Fails now, not at `up`, on a compose file that cannot work.
    this.#current = this.#readPlan();
  }

  /**
   * The plan the stack was last brought up with (or read at construction): status, node actions and `down`
   * work from it, so a compose file edited (or broken) while the stack runs cannot strand the stack.
   */
  #plan(): ComposePlan {
    return this.#current;
  }

  /** Reads docker-compose.yml again (at `up` and `configure`): the plan as the runtime runs it from now on. */
  #readPlan(): ComposePlan {
    const composeFile = this.#options.composeFile;
    let text: string;
    try {
      text = readFileSync(composeFile, 'utf8');
    } catch (error) {
      throw new ApiError('bad_request', 400, `Cannot read the compose file ${composeFile}: ${(error as Error).message}.`, 'Run kafkalab from its own folder (the one with docker-compose.yml).');
    }
    const subnet = this.#options.staticSubnet === undefined ? (/podman/i.test(this.#options.engine.name) ? PODMAN_SUBNET : null) : this.#options.staticSubnet;
    try {
      const plan = planCompose(text, {
        env: composeInterpolationEnv(composeFile, this.#options.env ?? process.env),
        configFile: composeFile,
        without: this.#options.without,
        profiles: this.#options.profiles,
        publishHost: HOST,
        staticAddresses: subnet ? { subnet } : undefined,
      });
      return withBrokerIds(plan, this.#brokerIds);
    } catch (error) {
      if (error instanceof ComposeFileError) throw new ApiError('bad_request', 400, error.message, error.hint);
      throw error;
    }
  }

  onEvent(listener: (event: ClusterEvent) => void): () => void {
    return this.#events.on('event', listener);
  }

  up(): Promise<ClusterStatus> {
    return this.#queue.run(async () => {
      await this.#bringUp();
      return this.#status();
    });
  }

  /** Stops and removes the stack's containers and network; its volumes too with `{ volumes: true }` (`down -v`). */
  down(options: { volumes?: boolean } = {}): Promise<ClusterStatus> {
    this.#bringingUp?.abort(new ApiError('invalid_state', 409, 'The cluster was taken down while it was coming up.'));
    return this.#queue.run(async () => {
      await this.#tearDown(options.volumes ?? false);
      return this.#status();
    });
  }

  status(): Promise<ClusterStatus> {
    return this.#status();
  }

  nodeAction(name: string, action: NodeAction): Promise<ClusterStatus> {
    return this.#queue.run(async () => {
      const nodes = stackNodes(this.#plan());
      const node = nodes.find((candidate) => candidate.name === name);
      if (!node) throw unknownNode(name, nodes.map((candidate) => candidate.name));
      if (!CAPABILITIES.nodeActions.includes(action)) {
        throw new ApiError(
          'not_supported',
          409,
          `The Docker runtime cannot ${action} ${name}: it can stop, start and kill containers, but not cut one off from its peers while it runs.`,
          'Switch to the embedded cluster for network partitions (isolate/heal), or stop the node instead.',
        );
      }
      if (this.#state !== 'up') throw clusterDown(`${action} ${name}`);
      const container = this.#docker.getContainer(node.service.containerName);
      const running = (await container.inspect().catch(() => null))?.State.Running ?? false;
      refusePointlessAction(name, running ? 'running' : 'stopped', action);
      await this.#engine(`${action} ${name}`, async () => {
        if (action === 'stop') await container.stop({ t: 10 });
        else if (action === 'kill') await container.kill({ signal: 'SIGKILL' });
        else await container.start();
      });
      this.#health.delete(node.service.service);
      if (action === 'start') await waitFor(this.#readiness(node.service, nodes), { timeoutMs: this.#readyTimeout() });
      await this.#checkForChanges();
      return this.#status();
    });
  }

  /** Other broker ids: the brokers are recreated with them (and fresh data volumes); a no-op when unchanged. */
  configure(spec: ClusterSpec): Promise<ClusterStatus> {
    return this.#queue.run(async () => {
      const next = spec.brokerIds;
      const current = this.#brokerIds ?? stackNodes(this.#plan()).filter((node) => node.kind === 'kafka').map((node) => node.id);
      if (!next || (next.length === current.length && next.every((id, i) => id === current[i]))) return this.#status();
      const brokers = stackNodes(this.#plan()).filter((node) => node.kind === 'kafka');
      if (next.length !== brokers.length) throw new ApiError('bad_request', 400, `Cannot run broker ids ${next.join(', ')}: the compose file has ${brokers.length} brokers.`, `Give ${brokers.length} ids.`);
      const wasUp = this.#state !== 'down';
      // The old ids' logs and registrations must not meet the new ids: a fresh stack, as the embedded runtime gives.
      await this.#tearDown(true);
      this.#brokerIds = [...next];
      this.#current = this.#readPlan();
      if (wasUp) await this.#bringUp();
      return this.#status();
    });
  }

  /**
   * A shell in a container for the page's terminal: `docker exec -it` into the stack's tools container,
   * which runs the brokers' image on the host's network, so `localhost:19092` means what it means in the
   * lessons (see tools-container.ts).
   */
  async openTerminal(size: TerminalSize, options: TerminalOptions = {}): Promise<TerminalSession> {
    const plan = this.#plan();
    return this.#engine('open a shell in the kafkalab-shell container', () => openToolsTerminal(this.#docker, plan, size, options.controlUrl));
  }

  /**
   * Follows a node's log (`docker logs -f`), reopened when its container restarts, until `signal` aborts.
   * Resolves when following ends (aborted, or the container was removed).
   */
  async followLogs(name: string, onLine: (line: string) => void, options: { signal: AbortSignal; tail?: number }): Promise<void> {
    const service = this.#plan().services.find((candidate) => candidate.service === name);
    if (!service) throw unknownNode(name, this.#plan().services.map((candidate) => candidate.service));
    await followContainerLogs(this.#docker.getContainer(service.containerName), onLine, options);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.down();
  }

  #setState(state: ClusterState): void {
    this.#state = state;
    this.#events.send({ type: 'cluster-state', state });
  }

  #readyTimeout(): number {
    return this.#options.readyTimeoutMs ?? 180_000;
  }

  async #bringUp(): Promise<void> {
    if (this.#state === 'up') {
      // Idempotent, but a node stopped meanwhile is started again (as `docker compose up -d`).
      const plan = this.#plan();
      for (const service of plan.services) await this.#engine(`start ${service.containerName}`, () => ensureContainer(this.#docker, plan, service));
      return;
    }
    this.#setState('starting');
    const abort = new AbortController();
    this.#bringingUp = abort;
    // One deadline for the whole `up` (pulls aside): readiness waits share it.
    const deadline = Date.now() + this.#readyTimeout();
    const wait = (strategy: WaitStrategy, hint?: string) => waitFor(strategy, { timeoutMs: Math.max(deadline - Date.now(), 0), signal: abort.signal, hint });
    try {
      const plan = this.#readPlan();
      this.#current = plan;
      await this.#ensureImages(plan);
      await this.#engine('create the network and volumes', async () => {
        await ensureNetwork(this.#docker, plan);
        await ensureVolumes(this.#docker, plan);
      });
      const nodes = stackNodes(plan);
      for (const service of plan.services) {
        for (const dependency of service.dependsOn) {
          const depended = plan.services.find((candidate) => candidate.service === dependency.service)!;
          if (dependency.condition === 'service_healthy') {
            this.#log(`waiting for ${dependency.service} to be healthy (${service.service} depends on it)`);
            await wait(this.#readiness(depended, nodes, { healthcheckOnly: true }));
          }
        }
        abort.signal.throwIfAborted();
        this.#log(`starting ${service.containerName}`);
        await this.#engine(`start ${service.containerName}`, () => ensureContainer(this.#docker, plan, service));
      }
      for (const node of nodes) await wait(this.#readiness(node.service, nodes), `Look at its log: docker logs ${node.service.containerName}`);
      const brokers = nodes.filter((node) => node.kind === 'kafka').map((node) => ({ name: node.name, address: `${HOST}:${node.hostPort}` }));
      if (brokers.length) await wait(metadataSettledWait(brokers), 'Look at the controller’s log: docker logs kafka-1 (or whichever broker leads /controller).');
      this.#setState('up');
      this.#last = emptyLastReported();
      await this.#checkForChanges();
      this.#scheduleMonitor();
    } catch (error) {
      // Nothing half-started stays behind a state that says "down": the containers go (the volumes stay).
      await this.#tearDown(false).catch(() => {});
      if (error instanceof WaitTimeoutError) throw new ApiError('engine_error', 504, `The Docker stack did not become ready: ${error.message}.`, error.hint);
      throw abort.signal.aborted && abort.signal.reason instanceof ApiError ? abort.signal.reason : error;
    } finally {
      if (this.#bringingUp === abort) this.#bringingUp = null;
    }
  }

  /**
   * Watches the cluster while it is up: one check a second, the next one scheduled when the last has
   * finished (a check can take seconds while ZooKeeper has no quorum; two must never overlap).
   */
  #scheduleMonitor(): void {
    this.#monitor = setTimeout(() => {
      void this.#checkForChanges()
        .catch(() => {})
        .finally(() => {
          if (this.#monitor && this.#state === 'up') this.#scheduleMonitor();
        });
    }, 1000);
    this.#monitor.unref();
  }

  /** Pulls the images the plan needs and the engine lacks, reporting progress as `image-pull` events. */
  async #ensureImages(plan: ComposePlan): Promise<void> {
    const images = [...new Set(plan.services.map((service) => service.image))];
    for (const image of images) {
      const present = await this.#docker.getImage(image).inspect().then(
        () => true,
        () => false,
      );
      if (present) continue;
      const courseImage = courseImageRecipeOf(image);
      if (courseImage) {
        // kafkalab's own images are built, never pulled: no registry has them.
        throw new ApiError('engine_error', 409, `The image ${image} is not in the engine: it is one of kafkalab's own images, which are built here, not pulled.`, `Run \`kafkalab images build\` and set ${courseImage.composeVariable} to the tag it prints.`);
      }
      this.#log(`pulling ${image}`);
      try {
        await pullImage(this.#docker, image, (progress) => this.#events.send({ type: 'image-pull', ...progress }));
      } catch (error) {
        if (error instanceof ImagePullError) {
          this.#events.send({ type: 'image-pull-failed', image, message: error.message, hint: error.hint });
          throw new ApiError('engine_error', 502, error.message, error.hint);
        }
        throw error;
      }
    }
  }

  /**
   * When a service counts as ready: its healthcheck (judged by the engine, or run here when the engine
   * does not run healthchecks), and for nodes what Kafka needs of them: a ZooKeeper member serving, a
   * broker registered. `healthcheckOnly` is `depends_on: service_healthy`, which means the healthcheck alone.
   */
  #readiness(service: ServicePlan, nodes: StackNode[], options: { healthcheckOnly?: boolean } = {}): WaitStrategy {
    const container = this.#docker.getContainer(service.containerName);
    const strategies: WaitStrategy[] = [];
    if (service.healthcheck) strategies.push(healthcheckWait(service.service, container, service.healthcheck, (healthy) => this.#health.set(service.service, { healthy, at: Date.now() })));
    if (!options.healthcheckOnly) {
      const node = nodes.find((candidate) => candidate.name === service.service);
      if (node?.kind === 'zookeeper') strategies.push(zookeeperServingWait(node.name, HOST, node.hostPort));
      else if (node?.kind === 'kafka') {
        // Kafka's "started" line (KafkaServer.startup's last word, which the kafkalab image prints too), then
        // the registration that makes the broker visible to clients and to the controller.
        strategies.push(logLineWait(node.name, container, KAFKA_STARTED), brokerRegisteredWait(node.name, node.id, () => this.#openZooKeeper(nodes)));
      }
      else if (!service.healthcheck && service.ports[0]) strategies.push(portWait(HOST, service.ports[0].hostPort, `${service.service}'s port ${service.ports[0].hostPort}`));
    }
    return allOf(`${service.service} to be ready`, strategies);
  }

  /** Our ZooKeeper client on the published client ports (opened once, kept while the stack runs). */
  #openZooKeeper(nodes: StackNode[]): Promise<ZooKeeperClient> {
    // A session that expired (a long outage, a machine that slept) or a client that closed is final: open another.
    if (this.#zookeeperClient && (this.#zookeeperClient.state === 'expired' || this.#zookeeperClient.state === 'closed')) {
      void this.#zookeeperClient.close().catch(() => {});
      this.#zookeeperClient = null;
      this.#zookeeper = null;
    }
    if (!this.#zookeeper) {
      const connectString = nodes.filter((node) => node.kind === 'zookeeper').map((node) => `${HOST}:${node.hostPort}`).join(',');
      const client = new ZooKeeperClient({ connectString, transport: new TcpTransport(), sessionTimeoutMs: 10_000, logger: silentLogger });
      this.#zookeeperClient = client;
      this.#zookeeper = client.connect().then(
        () => client,
        (error: unknown) => {
          this.#zookeeper = null;
          this.#zookeeperClient = null;
          void client.close().catch(() => {});
          throw error;
        },
      );
    }
    return this.#zookeeper;
  }

  async #tearDown(volumes: boolean): Promise<void> {
    if (this.#monitor) clearTimeout(this.#monitor);
    this.#monitor = null;
    const zookeeper = this.#zookeeper;
    this.#zookeeper = null;
    this.#zookeeperClient = null;
    if (zookeeper) await zookeeper.then((client) => client.close()).catch(() => {});
    if (this.#state !== 'down') this.#setState('stopping');
    const plan = this.#plan();
    const removed = await this.#engine('remove the stack', () =>
      removeStack(
        this.#docker,
        plan.project,
        plan.services.map((service) => service.service),
        { volumes },
      ),
    );
    if (removed.containers.length) this.#log(`removed ${removed.containers.join(', ')}${removed.volumes.length ? ` and volumes ${removed.volumes.join(', ')}` : ''}`);
    this.#health.clear();
    if (this.#state !== 'down') this.#setState('down');
    for (const [name, state] of this.#last.nodes) if (state !== 'stopped') this.#events.send({ type: 'node-state', node: name, state: 'stopped' });
    this.#last = emptyLastReported();
  }

  /** Compares the cluster with what was last reported and emits the differences as events. */
  async #checkForChanges(): Promise<void> {
    if (this.#state !== 'up') return;
    const status = await this.#status();
    for (const node of status.nodes) {
      if (this.#last.nodes.get(node.name) !== node.state) {
        this.#last.nodes.set(node.name, node.state);
        this.#events.send({ type: 'node-state', node: node.name, state: node.state });
      }
    }
    const leader = status.nodes.find((node) => node.mode === 'leader')?.name ?? null;
    if (leader !== this.#last.leader) {
      if (leader && this.#last.quorumLost) this.#events.send({ type: 'zookeeper-quorum-regained', leader });
      if (leader) this.#events.send({ type: 'zookeeper-leader', node: leader });
      else if (this.#last.leader) this.#events.send({ type: 'zookeeper-quorum-lost' });
      this.#last.quorumLost = leader === null;
      this.#last.leader = leader;
    }
    const controller = status.kafka?.controllerId ?? null;
    if (controller !== null && controller !== this.#last.controller) this.#events.send({ type: 'kafka-controller', brokerId: controller });
    this.#last.controller = controller;
  }

  async #status(): Promise<ClusterStatus> {
    const plan = this.#plan();
    const nodes = stackNodes(plan);
    const containers = await this.#docker
      .listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${plan.project}`, 'dev.kafkalab.managed=true'] }) })
      .catch(() => [] as Docker.ContainerInfo[]);
    const byService = new Map(containers.map((info) => [info.Labels['com.docker.compose.service'], info]));
    const registered = await this.#registeredBrokers(nodes, byService);
    const statuses: ClusterNodeStatus[] = await Promise.all(
      nodes.map(async (node) => {
        const info = byService.get(node.name);
        const state: NodeState = info?.State === 'running' ? 'running' : 'stopped';
        const status: ClusterNodeStatus = { name: node.name, kind: node.kind, id: node.id, state, host: HOST, port: node.hostPort };
        const health = this.#healthOf(node.name, info);
        if (health) status.health = health;
        if (node.kind === 'zookeeper') {
          status.mode = state === 'running' ? await zookeeperMode(node.hostPort) : 'stopped';
        } else {
          status.controller = false;
          if (registered) status.registered = registered.has(node.id);
        }
        return status;
      }),
    );
    const status: ClusterStatus = {
      runtime: 'docker',
      state: this.#state,
      capabilities: CAPABILITIES,
      engine: { name: this.#options.engine.name, version: this.#options.engine.version },
      nodes: statuses,
      connections: {
        zookeeper: statuses.filter((node) => node.kind === 'zookeeper').map((node) => `${HOST}:${node.port}`).join(','),
        bootstrapServers: statuses.filter((node) => node.kind === 'kafka').map((node) => `${HOST}:${node.port}`).join(','),
      },
    };
    const services = companionServices(plan)
      .filter((companion) => companion.url && byService.get(companion.name)?.State === 'running')
      .map((companion) => ({ name: companion.name === 'akhq' ? 'AKHQ' : companion.name, url: companion.url! }));
    if (services.length) status.services = services;
    const serving = statuses.some((node) => node.mode === 'leader' || node.mode === 'follower');
    if (this.#state === 'up' && serving) {
      const view = await this.#openZooKeeper(nodes)
        .then((client) => withTimeout(describeKafkaCluster(client), 2000))
        .catch(() => null);
      if (view) {
        status.kafka = { controllerId: view.controllerId, topics: view.topics };
        for (const node of statuses) if (node.kind === 'kafka') node.controller = node.id === view.controllerId;
      }
    }
    return status;
  }

  async #registeredBrokers(nodes: StackNode[], byService: Map<string | undefined, Docker.ContainerInfo>): Promise<Set<number> | null> {
    if (this.#state !== 'up' || !nodes.some((node) => node.kind === 'zookeeper' && byService.get(node.name)?.State === 'running')) return null;
    const ids = await this.#openZooKeeper(nodes)
      .then((client) => withTimeout(client.getChildren('/brokers/ids'), 2000))
      .catch(() => null);
    return ids ? new Set(ids.map(Number)) : null;
  }

  #healthOf(service: string, info: Docker.ContainerInfo | undefined): ClusterNodeStatus['health'] {
    if (!info || info.State !== 'running') return undefined;
    const engine = /\((healthy|unhealthy|health: starting)\)/.exec(info.Status)?.[1];
    if (engine === 'healthy' || engine === 'unhealthy') return engine;
    const judged = this.#health.get(service);
    const interval = this.#plan().services.find((candidate) => candidate.service === service)?.healthcheck?.intervalMs ?? 30_000;
    if (!judged || Date.now() - judged.at > 2 * interval) return undefined;
    return judged.healthy ? 'healthy' : 'unhealthy';
  }

  /** Runs an engine call; an engine error becomes an ApiError that says what failed and what to do. */
  async #engine<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const detail = (error as { json?: { message?: string }; message?: string }).json?.message ?? (error as Error).message;
      throw new ApiError('engine_error', 502, `The container engine (${this.#options.engine.name}) could not ${what}: ${detail}`, 'Run `kafkalab doctor` to check the engine; `docker ps -a` shows the containers.');
    }
  }

  #log(line: string): void {
    this.#options.log?.(line);
  }
}

/** What the runtime last told its listeners, to emit only changes. */
interface LastReported {
  nodes: Map<string, NodeState>;
  leader: string | null;
  quorumLost: boolean;
  controller: number | null;
}

function emptyLastReported(): LastReported {
  return { nodes: new Map(), leader: null, quorumLost: false, controller: null };
}

async function zookeeperMode(port: number): Promise<ClusterNodeStatus['mode']> {
  const mode = srvrMode(await fourLetterWord(HOST, port, 'srvr', 1500).catch(() => ''));
  return mode === 'leader' || mode === 'follower' ? mode : mode === 'standalone' ? 'leader' : 'looking';
}
