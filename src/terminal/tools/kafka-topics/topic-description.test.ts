/** The --describe lines against the reference's sample (KAFKA_CLI.md 2.2) and the report filters. */
import { describe, expect, it } from 'vitest';
import type { ConfigEntry, TopicDescription } from './admin/tool-admin-client.ts';
import { ZERO_TOPIC_ID } from './admin/tool-admin-client.ts';
import { LOG_CONFIG_DEFINITION_ORDER } from './fixtures/log-config-order.ts';
import { DescribeFilter, overriddenConfigs, partitionLine, topicLine } from './topic-description.ts';

const orders: TopicDescription = {
  name: 'orders',
  internal: false,
  topicId: '8JzfuSh5QE6_biHVoDerqw',
  partitions: [0, 1, 2].map((partition) => ({ partition, leader: 0, replicas: [0], isr: [0] })),
};
const entry = (name: string, value: string, isDefault = false): ConfigEntry => ({ name, value, isDefault });

describe('the --describe layout', () => {
  it('prints the reference sample byte for byte', () => {
    const configs = [entry('segment.bytes', '1073741824'), entry('retention.ms', '604800000', true)];
    const text = topicLine(orders, configs) + orders.partitions.map((p) => partitionLine('orders', p)).join('');
    expect(text).toBe(
      'Topic: orders\tTopicId: 8JzfuSh5QE6_biHVoDerqw\tPartitionCount: 3\tReplicationFactor: 1\tConfigs: segment.bytes=1073741824\n' +
        '\tTopic: orders\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0\tElr: N/A\tLastKnownElr: N/A\n' +
        '\tTopic: orders\tPartition: 1\tLeader: 0\tReplicas: 0\tIsr: 0\tElr: N/A\tLastKnownElr: N/A\n' +
        '\tTopic: orders\tPartition: 2\tLeader: 0\tReplicas: 0\tIsr: 0\tElr: N/A\tLastKnownElr: N/A\n',
    );
  });

  it('leaves TopicId out for the zero id and keeps the space after an empty Configs:', () => {
    expect(topicLine({ ...orders, topicId: ZERO_TOPIC_ID }, [])).toBe('Topic: orders\tPartitionCount: 3\tReplicationFactor: 1\tConfigs: \n');
  });

  it('prints a partition without a leader as Leader: none', () => {
    expect(partitionLine('t', { partition: 4, leader: null, replicas: [2, 3], isr: [] })).toBe('\tTopic: t\tPartition: 4\tLeader: none\tReplicas: 2,3\tIsr: \tElr: N/A\tLastKnownElr: N/A\n');
  });

  it("lists non-default configs in Config's HashMap order (a captured multi-config line)", () => {
    // A real broker answers all 36 entries in LogConfig's order; five of them are set here.
    const set: Record<string, string> = {
      'retention.ms': '604800000',
      'segment.bytes': '1073741824',
      'cleanup.policy': 'delete',
      'follower.replication.throttled.replicas': '*',
      'min.insync.replicas': '2',
    };
    const configs = LOG_CONFIG_DEFINITION_ORDER.map((name) => entry(name, set[name] ?? 'default', !(name in set)));
    expect(overriddenConfigs(configs)).toBe('min.insync.replicas=2,cleanup.policy=delete,follower.replication.throttled.replicas=*,segment.bytes=1073741824,retention.ms=604800000');
  });
});

describe('DescribeFilter', () => {
  const minIsr2 = [entry('min.insync.replicas', '2')];
  const healthy = { partition: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3] };
  const shrunk = { partition: 1, leader: 1, replicas: [1, 2, 3], isr: [1, 2] };
  const alone = { partition: 2, leader: 2, replicas: [1, 2, 3], isr: [2] };
  const leaderless = { partition: 3, leader: null, replicas: [3], isr: [3] };
  const reports = { underReplicated: false, unavailable: false, underMinIsr: false, atMinIsr: false, topicsWithOverrides: false };
  const pick = (filter: DescribeFilter) => [healthy, shrunk, alone, leaderless].filter((p) => filter.printsPartition(p, minIsr2)).map((p) => p.partition);

  it('prints everything without a report option', () => {
    const filter = new DescribeFilter(reports, new Set([1, 2, 3]));
    expect(filter.describeConfigs && filter.describePartitions).toBe(true);
    expect(pick(filter)).toEqual([0, 1, 2, 3]);
  });

  it('--under-replicated-partitions: ISR smaller than the replicas, no topic lines', () => {
    const filter = new DescribeFilter({ ...reports, underReplicated: true }, new Set([1, 2, 3]));
    expect(filter.printsTopic(minIsr2)).toBe(false);
    expect(pick(filter)).toEqual([1, 2]);
  });

  it('--unavailable-partitions: no leader, or a leader that is not live', () => {
    expect(pick(new DescribeFilter({ ...reports, unavailable: true }, new Set([1, 2, 3])))).toEqual([3]);
    expect(pick(new DescribeFilter({ ...reports, unavailable: true }, new Set([1, 3])))).toEqual([2, 3]);
  });

  it('--under-min-isr-partitions and --at-min-isr-partitions compare the ISR with min.insync.replicas', () => {
    expect(pick(new DescribeFilter({ ...reports, underMinIsr: true }, new Set([1, 2, 3])))).toEqual([2, 3]);
    expect(pick(new DescribeFilter({ ...reports, atMinIsr: true }, new Set([1, 2, 3])))).toEqual([1]);
  });

  it('--topics-with-overrides: topic lines only, for topics with a non-default config', () => {
    const filter = new DescribeFilter({ ...reports, topicsWithOverrides: true }, new Set([1]));
    expect(filter.describePartitions).toBe(false);
    expect(filter.printsTopic(minIsr2)).toBe(true);
    expect(filter.printsTopic([entry('min.insync.replicas', '1', true)])).toBe(false);
  });
});
