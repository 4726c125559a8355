/**
 * What a check, a question or a reference solution is given. The server builds it for one grading
 * (or one solve) and closes every client it handed out afterwards: a lab never leaves work running.
 */
import type { Admin, Consumer, ConsumerConfig, Kafka, Producer, ProducerConfig } from 'kafkajs';
import type { ZooKeeperClient } from '../cluster/zookeeper/client/zookeeper-client.ts';
import type { Translate } from './i18n/translate.ts';
import type { KeptResources } from './kept-resources.ts';
import type { LabNotes } from './lab-notes.ts';

/** What a lab may do to a node: stop (graceful), kill (abrupt), start, and cut it off from its peers or reconnect it. */
export type LabNodeAction = 'stop' | 'start' | 'kill' | 'isolate' | 'heal';

/** A node as the runtime reports it (the server's `ClusterRuntime` status has this shape). */
export interface LabNodeStatus {
  name: string;
  kind: 'zookeeper' | 'kafka';
  id: number;
  state: string;
  host: string;
  port: number;
  mode?: string;
  controller?: boolean;
}

export interface LabClusterStatus {
  state: string;
  nodes: LabNodeStatus[];
  connections: { zookeeper: string; bootstrapServers: string };
}

/** The runtime as labs see it: its status and its node controls (any runtime, embedded or Docker). */
export interface LabCluster {
  status(): Promise<LabClusterStatus>;
  up(): Promise<unknown>;
  nodeAction(name: string, action: LabNodeAction): Promise<unknown>;
}

/** Kafka clients on the runtime's bootstrap servers, with teaching timeouts; each is connected and closed for you. */
export interface LabKafka {
  /** The underlying kafkajs client, for what the helpers below do not cover. */
  readonly client: Kafka;
  admin(): Promise<Admin>;
  producer(config?: ProducerConfig): Promise<Producer>;
  consumer(config: ConsumerConfig): Promise<Consumer>;
  /**
   * The same helpers on a client given exactly `brokers` (`host:port`, tried in this order) instead of the
   * runtime's bootstrap servers: a check that bootstraps through a list whose first broker is stopped.
   */
  bootstrap(brokers: string[]): LabKafka;
}

/** Something the learner did on the page (and, later, in the terminal). */
export interface LabActivity {
  at: number;
  /** `node-action`, `cluster-up`, `cluster-down`, `command`, ... */
  kind: string;
  /** `kafka-2 stop`, the command line, ... */
  detail: string;
  /** For `command` (a line typed in the lab terminal): how each command of the line ended. */
  command?: {
    /** The exit status of the line (its last command's, as a shell reports `$?`). */
    exitCode: number;
    /** Each command of the line (one, or several joined by `|`): its words, exit status and the topics it touched. */
    commands: Array<{ argv: string[]; exitCode: number; topics: string[] }>;
  };
}

export interface LabContext {
  readonly learner: string;
  readonly cluster: LabCluster;
  readonly kafka: LabKafka;
  /** A connected ZooKeeper client on the runtime's ensemble (closed after the check). */
  zookeeper(): Promise<ZooKeeperClient>;
  /** The learner's answers to the lab's questions, by question id. */
  readonly answers: Readonly<Record<string, string>>;
  readonly activity: readonly LabActivity[];
  /** Aborted when the check's time is up: stop waiting and return. */
  readonly signal: AbortSignal;
  /** The learner's language: `t('labs.check.topic-missing', { topic })`. */
  readonly t: Translate;
  /**
   * Clients a reference solution leaves running for later steps (consumers in a group), closed by
   * the lab's reset. Anything opened through `kafka.*` is closed when the check or solve ends;
   * to keep a consumer, create it from `kafka.client` and `kept.keep('consumer-a', { close: () => consumer.disconnect() })`.
   */
  readonly kept: KeptResources;
  /**
   * What the lab remembers between checks of this session (the members a group had at an earlier step),
   * cleared by the session's reset: `notes.set('consumer-groups.members', JSON.stringify(ids))`.
   */
  readonly notes: LabNotes;
}
