import { describe, expect, it } from 'vitest';
import { resolveBrokerConfig } from '../broker-config.ts';
import { validateTopicConfig } from '../controller/topic-configs.ts';
import { defaultLogConfig, logConfigResolver, resolveLogConfig } from './log-config.ts';

describe('log config', () => {
  it('has Kafka 3.9 defaults', () => {
    expect(defaultLogConfig).toEqual({
      segmentBytes: 1_073_741_824,
      segmentMs: 604_800_000,
      segmentJitterMs: 0,
      retentionMs: 604_800_000,
      retentionBytes: -1,
      deleteEnabled: true,
      compactEnabled: false,
      indexIntervalBytes: 4096,
    });
  });

  it('takes topic overrides over broker settings, log.retention.ms over log.retention.hours', () => {
    const broker = resolveBrokerConfig({ logRetentionHours: 1, logRollHours: 2, logSegmentBytes: 5000, logRetentionBytes: 100_000 });
    expect(resolveLogConfig({}, broker)).toMatchObject({ retentionMs: 3_600_000, segmentMs: 7_200_000, segmentBytes: 5000, retentionBytes: 100_000 });
    expect(resolveBrokerConfig({ logRetentionHours: 1, logRetentionMs: 10 }).logRetentionMs).toBe(10);
    expect(resolveLogConfig({ 'retention.ms': '-1', 'cleanup.policy': 'compact,delete', 'segment.bytes': '300' }, broker)).toMatchObject({
      retentionMs: -1,
      segmentBytes: 300,
      deleteEnabled: true,
      compactEnabled: true,
    });
  });

  it('resolves once per overrides object and broker defaults, changed in place or replaced', () => {
    let broker = resolveBrokerConfig({});
    const resolve = logConfigResolver(() => broker);
    const overrides = { 'segment.ms': '10' };
    expect(resolve(overrides)).toBe(resolve(overrides));
    const before = resolve(overrides);
    broker = resolveBrokerConfig({ logRetentionBytes: 7 });
    expect(resolve(overrides)).not.toBe(before);
    expect(resolve(overrides).retentionBytes).toBe(7);
    broker.logRetentionBytes = 9;
    expect(resolve(overrides).retentionBytes).toBe(9);
  });

  it('refuses values below Kafka\'s bounds with its message', () => {
    expect(validateTopicConfig({ 'segment.bytes': '10' })).toBe('Invalid value 10 for configuration segment.bytes: Value must be at least 14');
    expect(validateTopicConfig({ 'retention.ms': '-2' })).toBe('Invalid value -2 for configuration retention.ms: Value must be at least -1');
    expect(validateTopicConfig({ 'retention.ms': '-1', 'retention.bytes': '-1', 'segment.ms': '1' })).toBeNull();
  });
});
