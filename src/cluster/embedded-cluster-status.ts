/** What an `EmbeddedCluster` reports: the state of its nodes, and the events it emits when they change. */
import type { NodeKind } from './embedded-cluster-options.ts';
import type { ZooKeeperMode } from './zookeeper/zookeeper-ensemble.ts';
import type { ControllerRequestEvent } from './kafka/controller/controller-requests.ts';

/** `isolated`: running, but cut off from its peers (see `EmbeddedCluster.isolate`). */
export type NodeState = 'running' | 'stopped' | 'isolated';

export interface EmbeddedNodeStatus {
  /** `zookeeper-1`, `kafka-2`, ... */
  name: string;
  kind: NodeKind;
  /** ZooKeeper member id (myid) or Kafka broker id. */
  id: number;
  state: NodeState;
  host: string;
  port: number;
  /** ZooKeeper only: the member's quorum mode, as `srvr` reports it. */
  mode?: ZooKeeperMode;
  /** ZooKeeper only: whether it answers clients (it follows or leads a quorum and is synced). */
  serving?: boolean;
  /** Kafka only: whether this broker is the active controller. */
  controller?: boolean;
}

export interface EmbeddedClusterStatus {
  /** ZooKeeper members first (none with an external ZooKeeper), then brokers. */
  nodes: EmbeddedNodeStatus[];
  zookeeper: {
    /** False when the brokers use an external ZooKeeper. */
    embedded: boolean;
    /** Connect string of its servers (without Kafka's chroot). */
    connect: string;
    /** The established leader, e.g. `zookeeper-2`; null without one (or for an external ZooKeeper). */
    leader: string | null;
  };
  /** Broker id of the active controller, as the brokers know it; null while there is none. */
  controllerId: number | null;
  /** `host:port` of every broker, stopped ones included (as a client's bootstrap list would have them). */
  bootstrapServers: string[];
}

export type EmbeddedClusterEvents = {
  /** A node became running, stopped or isolated. */
  'node-state': [change: { node: string; kind: NodeKind; id: number; state: NodeState }];
  /** A ZooKeeper leader was established. */
  'zookeeper-leader': [node: string];
  /** The ensemble cannot serve: fewer than a quorum of members running, or no leader for two ticks. */
  'zookeeper-quorum-lost': [];
  'zookeeper-quorum-regained': [leader: string];
  /** A broker won the controller election. */
  controller: [brokerId: number];
  /**
   * The active controller sent a LeaderAndIsr, UpdateMetadata or StopReplica to a broker (emitted once the
   * broker answered, or the request was given up): what a lab page shows of the controller's work.
   */
  'controller-request': [request: ControllerRequestEvent];
};
