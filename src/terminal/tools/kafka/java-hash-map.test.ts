/** The HashMap model against orders Java 17 printed for the same insertions (KAFKA_CLI.md section 11). */
import { describe, expect, it } from 'vitest';
import { LOG_CONFIG_DEFINITION_ORDER } from '../kafka-topics/fixtures/log-config-order.ts';
import { copiedHashMapSizing, integerHash, javaHashOrder, stringHash, stringHashOrder } from './java-hash-map.ts';

/** The topic config names as a full `Config` iterates them (reference 2.2). */
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

describe('Java HashMap iteration order', () => {
  it('hashes strings as String#hashCode does and integers as themselves', () => {
    expect(stringHash('')).toBe(0);
    expect(stringHash('test')).toBe(3556498);
    expect(stringHash('__consumer_offsets')).toBe(-970371369);
    expect(integerHash(-7)).toBe(-7);
  });

  it('iterates keys as java.util.HashMap does (orders printed by Java 17 for the same insertions)', () => {
    expect(stringHashOrder(['__consumer_offsets', 'my-topic', 'orders', 'test'])).toEqual(['test', 'orders', 'my-topic', '__consumer_offsets']);
    const many = ['test', 'orders', 'payments', '__consumer_offsets', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'];
    expect(stringHashOrder(many)).toEqual(['a', 'b', 'c', 'test', 'd', 'e', 'f', 'payments', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'orders', '__consumer_offsets']);
    expect(javaHashOrder([3, 1, 2, 17, 16], integerHash)).toEqual([16, 1, 17, 2, 3]);
  });

  it('keeps the first insertion of a key', () => {
    expect(stringHashOrder(['b', 'a', 'b'])).toEqual(['a', 'b']);
  });

  it('iterates the 36 topic configs bucket by bucket as the reference computed (ties follow insertion order)', () => {
    const bucket = (key: string) => {
      const hash = stringHash(key);
      return (hash ^ (hash >>> 16)) & 63;
    };
    expect(stringHashOrder(FULL_CONFIG_ORDER)).toEqual(FULL_CONFIG_ORDER);
    expect(stringHashOrder(LOG_CONFIG_DEFINITION_ORDER).map(bucket)).toEqual(FULL_CONFIG_ORDER.map(bucket));
    expect(stringHashOrder([...LOG_CONFIG_DEFINITION_ORDER].sort()).map(bucket)).toEqual(FULL_CONFIG_ORDER.map(bucket));
  });

  it('breaks ties inside a bucket by insertion order (segment.bytes and retention.ms share one)', () => {
    const reversed = stringHashOrder([...LOG_CONFIG_DEFINITION_ORDER].reverse());
    expect(reversed.indexOf('retention.ms')).toBeLessThan(reversed.indexOf('segment.bytes'));
    expect(FULL_CONFIG_ORDER.indexOf('segment.bytes')).toBeLessThan(FULL_CONFIG_ORDER.indexOf('retention.ms'));
  });

  it("orders __consumer_offsets' captured Configs: compression.type, cleanup.policy, segment.bytes", () => {
    expect(stringHashOrder(LOG_CONFIG_DEFINITION_ORDER).filter((k) => ['cleanup.policy', 'segment.bytes', 'compression.type'].includes(k))).toEqual([
      'compression.type',
      'cleanup.policy',
      'segment.bytes',
    ]);
  });

  it('orders described topics as the admin client hands them back (sized map, copy, sized map)', () => {
    const describe = (names: string[]) => {
      const sized = { initialCapacity: names.length };
      const first = stringHashOrder(names, sized);
      return stringHashOrder(stringHashOrder(first, copiedHashMapSizing(first.length)), sized);
    };
    expect(describe(['__consumer_offsets', 'my-topic', 'orders', 'test'])).toEqual(['orders', 'my-topic', 'test', '__consumer_offsets']);
    expect(describe(['ECOMMERCE_NEW_ORDER', '__consumer_offsets'])).toEqual(['ECOMMERCE_NEW_ORDER', '__consumer_offsets']);
    expect(describe(['__amazon_msk_canary', '__consumer_offsets', 'example-topic'])).toEqual(['__amazon_msk_canary', 'example-topic', '__consumer_offsets']);
  });
});
