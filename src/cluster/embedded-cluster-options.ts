/**
 * What an `EmbeddedCluster` is made of: where its nodes listen, their ids, their "disks" and the brokers'
 * settings. Everything is injected; the defaults are the course's (ZooKeeper on 12181/22181/32181, Kafka
 * on 19092/29092/39092, broker ids 1..3, `courseBrokerConfig`, state in memory). Pass 0 as a port for a
 * free one (tests).
 */
import type { BrokerConfig } from './kafka/broker-config.ts';
import type { BrokerStorage } from './kafka/log/broker-storage.ts';
import type { Logger } from './logger.ts';
import type { Transport } from './transport/transport.ts';
import type { ZooKeeperStorage } from './zookeeper/server/storage.ts';

/** The cluster's own ZooKeeper ensemble (members `zookeeper-1..n`, ids 1..n). */
export interface EmbeddedZooKeeperOptions {
  /** One client port per member. Default `[12181, 22181, 32181]`. */
  ports?: number[];
  /** Each member's snapshot and transaction log, by member id; default: in memory, kept across member restarts. */
  storage?: (id: number) => ZooKeeperStorage;
  /** ZooKeeper's tickTime (default 500 ms). */
  tickTimeMs?: number;
  /** Kafka's chroot (`zookeeper.connect=...:2181/kafka`), e.g. `/kafka`. Default: none. */
  chroot?: string;
}

/** A ZooKeeper run elsewhere (a real ZooKeeper 3.8): the cluster then runs brokers only. */
export interface ExternalZooKeeperOptions {
  /** `host:port,host:port,...` of its servers, dialled through the cluster's transport. */
  connect: string;
  /** Kafka's chroot, as above. */
  chroot?: string;
}

export interface EmbeddedBrokersOptions {
  /** `broker.id` of each broker (`kafka-1..n` in this order). Default `[1, 2, 3]`. */
  ids?: number[];
  /** One listener port per broker. Default `[19092, 29092, 39092]`. */
  ports?: number[];
  /**
   * Each broker's log dir, by broker id; created once and kept across broker restarts. Default: a
   * `MemoryBrokerStorage` per broker. A factory returning undefined gives a broker no log dir at all: a
   * restarted broker then comes back empty, as with a lost disk.
   */
  storage?: (id: number) => BrokerStorage | undefined;
  /** The brokers' settings, used as given (default `courseBrokerConfig`; unset keys take `defaultBrokerConfig`). */
  config?: Partial<BrokerConfig>;
}

export interface EmbeddedClusterOptions {
  /** How every node listens and dials: `TcpTransport` for real clients, `MemoryTransport` in a browser tab or a test. */
  transport: Transport;
  /** Interface the nodes bind. Default `127.0.0.1`. */
  host?: string;
  /** Host the brokers advertise to clients (`advertised.listeners`). Default: `host`. */
  advertisedHost?: string;
  /** The cluster's own ensemble (default, 3 members) or an external ZooKeeper. */
  zookeeper?: EmbeddedZooKeeperOptions | ExternalZooKeeperOptions;
  brokers?: EmbeddedBrokersOptions;
  /** Where node log lines go. Default: nowhere. */
  logger?: Logger;
  /** How long `start` waits for every broker to see a controller and all brokers. Default 20 s. */
  readyTimeoutMs?: number;
}

export type NodeKind = 'zookeeper' | 'kafka';

/** One node as the cluster lays it out: `zookeeper-2` is member 2, `kafka-2` the second broker (whatever its id). */
export interface NodePlan {
  name: string;
  kind: NodeKind;
  /** ZooKeeper member id (myid) or Kafka broker id. */
  id: number;
  /** The port asked for (0 until a free one is picked). */
  port: number;
}

export const defaultZooKeeperPorts: readonly number[] = [12181, 22181, 32181];
export const defaultKafkaPorts: readonly number[] = [19092, 29092, 39092];
export const defaultBrokerIds: readonly number[] = [1, 2, 3];

/** A cluster that cannot be built as asked (or a control call that cannot work), with a hint. */
export class EmbeddedClusterError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string, options?: ErrorOptions) {
    super(`${message} (${hint})`, options);
    this.name = 'EmbeddedClusterError';
    this.hint = hint;
  }
}

export function isExternalZooKeeper(options: EmbeddedClusterOptions['zookeeper']): options is ExternalZooKeeperOptions {
  return options !== undefined && 'connect' in options;
}

/** The nodes `options` describe, in status order (ZooKeeper members first); throws when they cannot work. */
export function planCluster(options: Omit<EmbeddedClusterOptions, 'transport'>): NodePlan[] {
  const zookeeperPorts = isExternalZooKeeper(options.zookeeper) ? [] : (options.zookeeper?.ports ?? defaultZooKeeperPorts);
  const ids = options.brokers?.ids ?? defaultBrokerIds;
  const kafkaPorts = options.brokers?.ports ?? defaultKafkaPorts;
  if (ids.length !== kafkaPorts.length) {
    throw new EmbeddedClusterError(`${ids.length} broker ids but ${kafkaPorts.length} broker ports`, 'pass brokers.ports with one port per broker id (0 picks a free one)');
  }
  if (new Set(ids).size !== ids.length) throw new EmbeddedClusterError(`broker ids repeat: ${ids.join(', ')}`, 'give every broker its own id');
  if (!isExternalZooKeeper(options.zookeeper) && zookeeperPorts.length === 0) {
    throw new EmbeddedClusterError('an ensemble needs at least one member', 'pass zookeeper.ports with one port per member');
  }
  return [
    ...zookeeperPorts.map((port, i) => ({ name: `zookeeper-${i + 1}`, kind: 'zookeeper' as const, id: i + 1, port })),
    ...ids.map((id, i) => ({ name: `kafka-${i + 1}`, kind: 'kafka' as const, id, port: kafkaPorts[i] })),
  ];
}
