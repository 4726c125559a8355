/** The small parts of kafka-topics: the --topic filter, --config checks, --replica-assignment. */
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../testing/thrown-by.ts';
import { JavaException } from '../kafka/java-exception.ts';
import { TOPIC_CONFIG_NAMES, validateTopicConfigs } from './log-config.ts';
import { parseReplicaAssignment } from './replica-assignment.ts';
import { TOPIC_COMMAND_HELP_TABLE } from './help-table.ts';
import { TopicIncludeList } from './topic-filter.ts';

const messageOf = (action: () => unknown) => thrownBy(action, JavaException).message;

describe('TopicIncludeList (--topic as a regex)', () => {
  it('matches whole names, commas as alternatives, quotes and spaces dropped', () => {
    const filter = new TopicIncludeList(' "orders, test" ', []);
    expect(filter.regex).toBe('orders|test');
    expect(['orders', 'test', 'orders-2', 'my-test'].filter((t) => filter.isTopicAllowed(t, false))).toEqual(['orders', 'test']);
  });

  it('treats a dot as any character, as the real tool does', () => {
    const filter = new TopicIncludeList('my.topic', []);
    expect(filter.isTopicAllowed('my-topic', false)).toBe(true);
  });

  it('leaves internal topics out with --exclude-internal', () => {
    const filter = new TopicIncludeList('.*', []);
    expect(filter.isTopicAllowed('__consumer_offsets', true)).toBe(false);
    expect(filter.isTopicAllowed('__consumer_offsets', false)).toBe(true);
  });

  it('fails on an invalid regex with the RuntimeException Kafka throws', () => {
    const thrown = thrownBy(() => new TopicIncludeList('a(', []), JavaException);
    expect(String(thrown)).toBe('java.lang.RuntimeException: a( is an invalid regex.');
    expect(thrown.frames[0]).toBe('org.apache.kafka.server.util.TopicFilter.<init>(TopicFilter.java:41)');
  });
});

describe('validateTopicConfigs (LogConfig.validate)', () => {
  const check = (entries: Record<string, string>) => messageOf(() => validateTopicConfigs(new Map(Object.entries(entries)), []));

  it('knows the 36 names the help table lists', () => {
    const listed = [...TOPIC_COMMAND_HELP_TABLE.matchAll(/^ {41}\t(\S+)/gm)].map((m) => m[1]);
    // The help table wraps one long name: follower.replication.\n  replicas.
    expect(listed.map((name) => (name === 'follower.replication.throttled.' ? 'follower.replication.throttled.replicas' : name))).toEqual(TOPIC_CONFIG_NAMES);
    expect(TOPIC_CONFIG_NAMES).toHaveLength(36);
  });

  it('accepts good values', () => {
    expect(() => validateTopicConfigs(new Map(Object.entries({ 'cleanup.policy': 'compact,delete', 'retention.ms': '-1', 'min.cleanable.dirty.ratio': '0.1', preallocate: 'TRUE', 'message.format.version': '3.0' })), [])).not.toThrow();
  });

  it("fails with ConfigDef's messages", () => {
    expect(check({ foo: '1' })).toBe('Unknown topic config name: foo');
    expect(check({ 'retention.ms': 'abc' })).toBe('Invalid value abc for configuration retention.ms: Not a number of type LONG');
    expect(check({ 'min.insync.replicas': '0' })).toBe('Invalid value 0 for configuration min.insync.replicas: Value must be at least 1');
    expect(check({ 'cleanup.policy': 'delete,forever' })).toBe('Invalid value forever for configuration cleanup.policy: String must be one of: compact, delete');
    expect(check({ 'compression.type': 'brotli' })).toBe('Invalid value brotli for configuration compression.type: String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer');
    expect(check({ preallocate: 'yes' })).toBe('Invalid value yes for configuration preallocate: Expected value to be either true or false');
    expect(check({ 'min.cleanable.dirty.ratio': '2' })).toBe('Invalid value 2.0 for configuration min.cleanable.dirty.ratio: Value must be no more than 1');
    expect(check({ 'message.format.version': '9.9' })).toBe('Invalid value 9.9 for configuration message.format.version: Version 9.9 is not a valid version');
    expect(check({ 'min.compaction.lag.ms': '10', 'max.compaction.lag.ms': '5' })).toBe('conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)');
  });
});

describe('parseReplicaAssignment', () => {
  it('reads partitions by comma and brokers by colon, dropping trailing empty parts as Java split does', () => {
    expect([...parseReplicaAssignment('1:2, 2 : 3,3:1,', [])]).toEqual([
      [0, [1, 2]],
      [1, [2, 3]],
      [2, [3, 1]],
    ]);
  });

  it("fails as Kafka does", () => {
    expect(messageOf(() => parseReplicaAssignment('1:x', []))).toBe('For input string: "x"');
    expect(messageOf(() => parseReplicaAssignment('1:2:1:2', []))).toBe('Partition replica lists may not contain duplicate entries: 1,2');
    expect(messageOf(() => parseReplicaAssignment('1:2,3', []))).toBe('Partition 1 has different replication factor: [3]');
  });
});
