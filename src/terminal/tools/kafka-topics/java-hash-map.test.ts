/** The HashMap model against the check values of KAFKA_CLI.md section 11 (computed there with Java 17). */
import { describe, expect, it } from 'vitest';
import { LOG_CONFIG_DEFINITION_ORDER } from './fixtures/log-config-order.ts';
import { hashMapOrder, JavaHashMap, javaStringHashCode } from './java-hash-map.ts';

/** The same names iterated by a full `Config` (reference 2.2). */
const FULL_CONFIG_ORDER = [
  'compression.type', 'remote.log.delete.on.disable', 'leader.replication.throttled.replicas', 'remote.storage.enable',
  'message.downconversion.enable', 'min.insync.replicas', 'segment.jitter.ms', 'remote.log.copy.disable', 'local.retention.ms',
  'cleanup.policy', 'flush.ms', 'follower.replication.throttled.replicas', 'compression.lz4.level', 'segment.bytes',
  'retention.ms', 'compression.gzip.level', 'flush.messages', 'compression.zstd.level', 'message.format.version',
  'max.compaction.lag.ms', 'file.delete.delay.ms', 'max.message.bytes', 'min.compaction.lag.ms', 'message.timestamp.type',
  'local.retention.bytes', 'preallocate', 'min.cleanable.dirty.ratio', 'index.interval.bytes', 'unclean.leader.election.enable',
  'retention.bytes', 'delete.retention.ms', 'message.timestamp.after.max.ms', 'message.timestamp.before.max.ms', 'segment.ms',
  'message.timestamp.difference.max.ms', 'segment.index.bytes',
];

describe('JavaHashMap', () => {
  it('hashes strings as String#hashCode does', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('test')).toBe(3556498);
    expect(javaStringHashCode('__consumer_offsets')).toBe(-970371369);
  });

  it('iterates the 36 topic configs bucket by bucket as the reference computed (ties follow insertion order)', () => {
    const bucket = (key: string) => {
      const hash = javaStringHashCode(key);
      return (hash ^ (hash >>> 16)) & 63;
    };
    expect(hashMapOrder(FULL_CONFIG_ORDER)).toEqual(FULL_CONFIG_ORDER);
    expect(hashMapOrder(LOG_CONFIG_DEFINITION_ORDER).map(bucket)).toEqual(FULL_CONFIG_ORDER.map(bucket));
    expect(hashMapOrder([...LOG_CONFIG_DEFINITION_ORDER].sort()).map(bucket)).toEqual(FULL_CONFIG_ORDER.map(bucket));
  });

  it('breaks ties inside a bucket by insertion order (segment.bytes and retention.ms share one)', () => {
    const reversed = hashMapOrder([...LOG_CONFIG_DEFINITION_ORDER].reverse());
    expect(reversed.indexOf('retention.ms')).toBeLessThan(reversed.indexOf('segment.bytes'));
    expect(FULL_CONFIG_ORDER.indexOf('segment.bytes')).toBeLessThan(FULL_CONFIG_ORDER.indexOf('retention.ms'));
  });

  it("orders __consumer_offsets' captured Configs: compression.type, cleanup.policy, segment.bytes", () => {
    expect(hashMapOrder(LOG_CONFIG_DEFINITION_ORDER).filter((k) => ['cleanup.policy', 'segment.bytes', 'compression.type'].includes(k))).toEqual([
      'compression.type',
      'cleanup.policy',
      'segment.bytes',
    ]);
  });

  it('orders described topics as the admin client hands them back (sized map, copy, sized map)', () => {
    const describe = (names: string[]) => {
      const first = new JavaHashMap(names.length);
      for (const name of names) first.put(name);
      const last = new JavaHashMap(names.length);
      for (const name of JavaHashMap.copyOf(first).keys()) last.put(name);
      return last.keys();
    };
    expect(describe(['__consumer_offsets', 'my-topic', 'orders', 'test'])).toEqual(['orders', 'my-topic', 'test', '__consumer_offsets']);
    expect(describe(['ECOMMERCE_NEW_ORDER', '__consumer_offsets'])).toEqual(['ECOMMERCE_NEW_ORDER', '__consumer_offsets']);
    expect(describe(['__amazon_msk_canary', '__consumer_offsets', 'example-topic'])).toEqual(['__amazon_msk_canary', 'example-topic', '__consumer_offsets']);
  });
});
