import { describe, expect, it } from 'vitest';
import { BrokerPropertyError, brokerPropertyNames, parseBrokerProperties } from './broker-config-properties.ts';
import { resolveBrokerConfig } from './kafka/broker-config.ts';

describe('parseBrokerProperties', () => {
  it('maps Kafka property names to broker settings, numbers and booleans', () => {
    expect(parseBrokerProperties(['min.insync.replicas=1', 'default.replication.factor=1', 'replica.lag.time.max.ms=5000', 'auto.create.topics.enable=false'])).toEqual({
      minInsyncReplicas: 1,
      defaultReplicationFactor: 1,
      replicaLagTimeMaxMs: 5000,
      autoCreateTopicsEnable: false,
    });
  });

  it('takes a fraction where Kafka takes a double (the log cleaner settings)', () => {
    expect(parseBrokerProperties(['log.cleaner.min.cleanable.ratio=0.1', 'log.cleaner.backoff.ms=200', 'log.cleaner.enable=false'])).toEqual({
      logCleanerMinCleanableRatio: 0.1,
      logCleanerBackoffMs: 200,
      logCleanerEnable: false,
    });
    expect(() => parseBrokerProperties(['log.cleaner.backoff.ms=0.5'])).toThrow(/log\.cleaner\.backoff\.ms must be a whole number/);
    expect(() => parseBrokerProperties(['log.cleaner.io.buffer.load.factor=lots'])).toThrow(/must be a number of 0 or more, got "lots"/);
  });

  it('names an unknown key and lists the accepted ones', () => {
    const error = (() => {
      try {
        parseBrokerProperties(['min.isr=1']);
      } catch (caught) {
        return caught as BrokerPropertyError;
      }
    })();
    expect(error).toBeInstanceOf(BrokerPropertyError);
    expect(error?.message).toContain('"min.isr"');
    expect(error?.hint).toContain('min.insync.replicas');
    expect(brokerPropertyNames()).toContain('replica.lag.time.max.ms');
  });

  it('takes -1 ("no limit") for log.retention.ms and log.retention.bytes, as Kafka does, and the log settings by their names', () => {
    expect(parseBrokerProperties(['log.retention.ms=-1', 'log.retention.bytes=-1', 'log.segment.bytes=1048576', 'log.retention.check.interval.ms=1000'])).toEqual({
      logRetentionMs: -1,
      logRetentionBytes: -1,
      logSegmentBytes: 1_048_576,
      logRetentionCheckIntervalMs: 1000,
    });
    expect(() => parseBrokerProperties(['log.segment.bytes=-1'])).toThrow(/log\.segment\.bytes must be a whole number/);
  });

  it('names the key of a bad value and says what it takes', () => {
    expect(() => parseBrokerProperties(['min.insync.replicas=two'])).toThrow(/min\.insync\.replicas must be a whole number.*"two"/);
    expect(() => parseBrokerProperties(['delete.topic.enable=yes'])).toThrow(/delete\.topic\.enable must be true or false/);
    expect(() => parseBrokerProperties(['num.partitions'])).toThrow(/not a key=value/);
  });

  it('takes compression.type as text; the broker config refuses a value Kafka does not know', () => {
    expect(parseBrokerProperties(['compression.type=zstd'])).toEqual({ compressionType: 'zstd' });
    expect(resolveBrokerConfig(parseBrokerProperties(['compression.type=zstd'])).compressionType).toBe('zstd');
    expect(() => resolveBrokerConfig(parseBrokerProperties(['compression.type=brotli']))).toThrow(
      'broker config compression.type must be one of uncompressed, zstd, lz4, snappy, gzip, producer, got brotli',
    );
  });
});
