/**
 * One interface for every way kafkalab runs a cluster: the embedded teaching cluster (in-process,
 * real wire protocols on loopback) and the Docker stack from docker-compose.yml (docker/docker-runtime.ts).
 * Node names match docker-compose.yml: `zookeeper-1..3`, `kafka-1..3`.
 */
import type { ControllerRequestEvent } from '../../cluster/kafka/controller/controller-requests.ts';
import type { EmbeddedNodeStatus, NodeState } from '../../cluster/embedded-cluster-status.ts';
import type { NodeKind } from '../../cluster/embedded-cluster-options.ts';
import type { ZooKeeperMode } from '../../cluster/zookeeper/zookeeper-ensemble.ts';
import type { TerminalSession, TerminalSize } from '../../terminal/terminal-session.ts';
import type { ShellCluster } from '../../terminal/tool-environment.ts';

export type RuntimeKind = 'embedded' | 'docker';
/** Node kinds, states and ZooKeeper modes are the cluster's own; every runtime reports them the same way. */
export type { NodeKind, NodeState };
export type ZooKeeperNodeMode = ZooKeeperMode;
export type ClusterState = 'down' | 'starting' | 'up' | 'stopping';

/**
 * A node as the API reports it: the cluster's node status without its internal `serving` flag, and what
 * only a container runtime knows (its healthcheck's verdict; whether a broker is in `/brokers/ids`).
 */
export type ClusterNodeStatus = Omit<EmbeddedNodeStatus, 'serving'> & {
  /** Docker only: the container's healthcheck (`starting` until its first pass). */
  health?: 'starting' | 'healthy' | 'unhealthy';
  /** Kafka only, Docker only: the broker's `/brokers/ids/<id>` exists. */
  registered?: boolean;
};

/** What a runtime can do; the page offers only these, and says why where a lab step needs more. */
export interface RuntimeCapabilities {
  nodeActions: NodeAction[];
  /** `configure({ brokerIds })` works (a lab that runs brokers 101..103). */
  brokerIds: boolean;
}

/** A web UI that runs beside the cluster (AKHQ in the Docker stack). */
export interface ClusterService {
  name: string;
  url: string;
}

export interface PartitionStatus {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  leaderEpoch: number;
}

export interface TopicStatus {
  name: string;
  partitions: PartitionStatus[];
}

export interface ClusterStatus {
  runtime: RuntimeKind;
  state: ClusterState;
  capabilities: RuntimeCapabilities;
  /** The container engine that runs the cluster (Docker only), e.g. `{ name: 'Podman', version: '4.3.1' }`. */
  engine?: { name: string; version: string };
  /** Web UIs running beside the cluster (AKHQ), for the page to link to. */
  services?: ClusterService[];
  nodes: ClusterNodeStatus[];
  connections: {
    /** ZooKeeper connect string, e.g. `127.0.0.1:12181,127.0.0.1:22181,127.0.0.1:32181`. */
    zookeeper: string;
    /** Kafka bootstrap servers, e.g. `127.0.0.1:19092,127.0.0.1:29092,127.0.0.1:39092` (empty until brokers exist). */
    bootstrapServers: string;
  };
  /** Kafka's view, read from ZooKeeper; absent while the cluster is down or has no brokers. */
  kafka?: {
    controllerId: number | null;
    topics: TopicStatus[];
  };
}

export type ClusterEvent =
  | { type: 'cluster-state'; state: ClusterState }
  | { type: 'node-state'; node: string; state: NodeState }
  | { type: 'zookeeper-leader'; node: string }
  | { type: 'zookeeper-quorum-lost' }
  | { type: 'zookeeper-quorum-regained'; leader: string }
  | { type: 'kafka-controller'; brokerId: number }
  /** Embedded only: the controller sent LeaderAndIsr / UpdateMetadata / StopReplica to a broker, and its answer. */
  | ({ type: 'kafka-controller-request' } & ControllerRequestEvent)
  /** Docker only: an image is being pulled (bytes over every layer that reported a size so far). */
  | { type: 'image-pull'; image: string; currentBytes: number; totalBytes: number; layers: number; layersDone: number; done: boolean }
  /** Docker only: a pull failed; `hint` says what to do (offline? `kafkalab images load FILE`). */
  | { type: 'image-pull-failed'; image: string; message: string; hint: string };

/** `isolate` cuts a node off from its peers (a network partition, not a stop); `heal` reconnects it. */
export const NODE_ACTIONS = ['stop', 'start', 'kill', 'isolate', 'heal'] as const;
export type NodeAction = (typeof NODE_ACTIONS)[number];

/** The shape of cluster a runtime runs (a lab may want broker ids 101..103). */
export interface ClusterSpec {
  /** Broker ids, `kafka-1..n` in this order; omitted: the ids the runtime was created with. */
  brokerIds?: number[];
}

export interface TerminalOptions {
  /**
   * The controls the shell's `kafkalab status|start|stop|kill` drives; default the runtime itself. The
   * server passes the learner's activity-recording runtime, so that `kafkalab stop kafka-2` typed in the
   * terminal counts as the learner's doing, as the same click on the page does.
   */
  controls?: ShellCluster;
  /**
   * The course server's own address (`http://127.0.0.1:4321`), for a shell that runs outside the server's
   * process (the Docker runtime's container shell): its `kafkalab stop kafka-2` goes through the server's
   * API, where it is recorded as the learner's doing like a click on the page.
   */
  controlUrl?: string;
}

export interface ClusterRuntime extends AsyncDisposable {
  readonly kind: RuntimeKind;
  /** Brings every node up; resolves once the cluster serves. Idempotent. */
  up(): Promise<ClusterStatus>;
  /** Stops and removes every node. Idempotent. */
  down(): Promise<ClusterStatus>;
  status(): Promise<ClusterStatus>;
  /**
   * `stop` is graceful, `kill` abrupt (like SIGKILL), `start` brings a stopped node back. `isolate` cuts a
   * running node off from its peers (a ZooKeeper member from the other members; a broker from ZooKeeper
   * and the other brokers, while clients still reach it) until `heal`; stopping a node also heals it.
   */
  nodeAction(name: string, action: NodeAction): Promise<ClusterStatus>;
  /**
   * Runs the cluster as `spec` says from now on (ports stay as configured). A running cluster is taken
   * down and brought up again with it; nothing happens when it runs that way already.
   */
  configure(spec: ClusterSpec): Promise<ClusterStatus>;
  /** Subscribes to cluster events; returns the unsubscribe function. */
  onEvent(listener: (event: ClusterEvent) => void): () => void;
  /**
   * A shell beside the cluster for the page's terminal: the embedded runtime's lab shell (the Kafka
   * tools, reaching only the cluster's ports); the Docker runtime's is a TTY `exec` into a container of
   * the brokers' image on the host's network (its real tools).
   * Works whatever the cluster's state (the tools then report a dead bootstrap server as Kafka's do).
   */
  openTerminal(size: TerminalSize, options?: TerminalOptions): Promise<TerminalSession>;
}
