/**
 * `kafka-topics --describe` lines, byte for byte as Kafka 3.9 prints them: fields separated by one
 * TAB, partition lines starting with a TAB, no trailing TAB.
 *
 *   Topic: orders	TopicId: 8JzfuSh5QE6_biHVoDerqw	PartitionCount: 3	ReplicationFactor: 1	Configs: segment.bytes=1073741824
 *   	Topic: orders	Partition: 0	Leader: 0	Replicas: 0	Isr: 0	Elr: N/A	LastKnownElr: N/A
 *
 * A partition being reassigned adds `Adding Replicas: 4	Removing Replicas: 1` after its Isr, and counts
 * its replication factor without the replicas being added.
 * `TopicId` is left out for the zero id (a broker whose Metadata answer has no ids); `Elr` and
 * `LastKnownElr` are `N/A` because a ZooKeeper-mode broker has no DescribeTopicPartitions API.
 */
import type { ConfigEntry, PartitionReassignment, TopicDescription, TopicPartitionInfo } from './admin/tool-admin-client.ts';
import { ZERO_TOPIC_ID } from './admin/tool-admin-client.ts';
import { stringHashOrder } from '../kafka/java-hash-map.ts';

/** `Config#entries()`: the admin client keeps them in a `HashMap` by name, so this is its order. */
export function configEntriesInJavaOrder(entries: readonly ConfigEntry[]): ConfigEntry[] {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  return stringHashOrder(entries.map((entry) => entry.name)).map((name) => byName.get(name)!);
}

/** The non-default configs, `name=value` joined by commas, in `Config`'s order. */
export function overriddenConfigs(entries: readonly ConfigEntry[]): string {
  return configEntriesInJavaOrder(entries)
    .filter((entry) => !entry.isDefault)
    .map((entry) => `${entry.name}=${entry.value}`)
    .join(',');
}

/**
 * `TopicCommand.isReassignmentInProgress`: the partition still lists a replica being added or removed (a
 * reassignment may complete between the two answers).
 */
export function isReassignmentInProgress(partition: TopicPartitionInfo, reassignment: PartitionReassignment | undefined): boolean {
  if (!reassignment) return false;
  const changing = new Set([...reassignment.removingReplicas, ...reassignment.addingReplicas]);
  return partition.replicas.some((id) => changing.has(id));
}

/** `getReplicationFactor`: during a reassignment, the replicas minus the ones being added. */
export function replicationFactorOf(partition: TopicPartitionInfo, reassignment: PartitionReassignment | undefined): number {
  return isReassignmentInProgress(partition, reassignment) ? reassignment!.replicas.length - reassignment!.addingReplicas.length : partition.replicas.length;
}

/** The topic line (with its newline). The replication factor is the first partition's (see `replicationFactorOf`). */
export function topicLine(topic: TopicDescription, configs: readonly ConfigEntry[], firstReassignment?: PartitionReassignment): string {
  const id = topic.topicId === ZERO_TOPIC_ID ? '' : `\tTopicId: ${topic.topicId}`;
  const first = topic.partitions[0];
  const replicationFactor = first ? replicationFactorOf(first, firstReassignment) : 0;
  return `Topic: ${topic.name}${id}\tPartitionCount: ${topic.partitions.length}\tReplicationFactor: ${replicationFactor}\tConfigs: ${overriddenConfigs(configs)}\n`;
}

/** One partition line (with its newline); a partition being reassigned also lists the adding and removing replicas. */
export function partitionLine(topic: string, partition: TopicPartitionInfo, reassignment?: PartitionReassignment): string {
  const moving = reassignment ? `\tAdding Replicas: ${reassignment.addingReplicas.join(',')}\tRemoving Replicas: ${reassignment.removingReplicas.join(',')}` : '';
  return (
    `\tTopic: ${topic}\tPartition: ${partition.partition}\tLeader: ${partition.leader ?? 'none'}` +
    `\tReplicas: ${partition.replicas.join(',')}\tIsr: ${partition.isr.join(',')}${moving}\tElr: N/A\tLastKnownElr: N/A\n`
  );
}

/** The report options of --describe (`DescribeOptions`). */
export interface DescribeReports {
  underReplicated: boolean;
  unavailable: boolean;
  underMinIsr: boolean;
  atMinIsr: boolean;
  topicsWithOverrides: boolean;
}

/** Which lines `--describe` prints given its report options. */
export class DescribeFilter {
  readonly #reports: DescribeReports;
  readonly #liveBrokers: ReadonlySet<number>;

  constructor(reports: DescribeReports, liveBrokers: ReadonlySet<number>) {
    this.#reports = reports;
    this.#liveBrokers = liveBrokers;
  }

  /** Topic lines are printed unless a partition report was asked for. */
  get describeConfigs(): boolean {
    const r = this.#reports;
    return !r.unavailable && !r.underReplicated && !r.underMinIsr && !r.atMinIsr;
  }

  /** Partition lines are printed unless `--topics-with-overrides`. */
  get describePartitions(): boolean {
    return !this.#reports.topicsWithOverrides;
  }

  /** With `--topics-with-overrides`, only topics with a non-default config get their line. */
  printsTopic(configs: readonly ConfigEntry[]): boolean {
    return this.describeConfigs && (!this.#reports.topicsWithOverrides || configs.some((entry) => !entry.isDefault));
  }

  printsPartition(partition: TopicPartitionInfo, configs: readonly ConfigEntry[], reassignment?: PartitionReassignment): boolean {
    const r = this.#reports;
    if (this.describeConfigs) return true;
    const minIsr = () => Number.parseInt(configs.find((entry) => entry.name === 'min.insync.replicas')?.value ?? '1', 10);
    const hasLeader = partition.leader !== null;
    return (
      (r.underReplicated && replicationFactorOf(partition, reassignment) - partition.isr.length > 0) ||
      (r.unavailable && (!hasLeader || !this.#liveBrokers.has(partition.leader!))) ||
      (r.underMinIsr && (!hasLeader || partition.isr.length < minIsr())) ||
      (r.atMinIsr && partition.isr.length === minIsr())
    );
  }
}
