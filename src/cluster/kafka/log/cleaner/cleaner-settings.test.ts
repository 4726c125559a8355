import { describe, expect, it } from 'vitest';
import { resolveBrokerConfig } from '../../broker-config.ts';
import { logCleanerSettingsOf } from './cleaner-settings.ts';
import { cleanupPolicyOf, compactionConfigOf } from './compaction-config.ts';

describe('log cleaner settings', () => {
  it("takes Kafka's defaults and refuses settings that cannot work, naming them", () => {
    expect(logCleanerSettingsOf(resolveBrokerConfig())).toEqual({ enable: true, backoffMs: 15_000, dedupeBufferSize: 134_217_728, ioBufferLoadFactor: 0.9 });
    expect(() => logCleanerSettingsOf(resolveBrokerConfig({ logCleanerBackoffMs: -1 }))).toThrow(/log\.cleaner\.backoff\.ms must be an integer >= 0, got -1/);
    expect(() => logCleanerSettingsOf(resolveBrokerConfig({ logCleanerDedupeBufferSize: 10 }))).toThrow(/offset map is too small.*log\.cleaner\.dedupe\.buffer\.size/);
    expect(() => logCleanerSettingsOf(resolveBrokerConfig({ logCleanerIoBufferLoadFactor: 1.5 }))).toThrow(/log\.cleaner\.io\.buffer\.load\.factor must be in \(0, 1\]/);
  });

  it("resolves a topic's compaction settings from its overrides over the broker's log.cleaner defaults", () => {
    const broker = resolveBrokerConfig({ logCleanerDeleteRetentionMs: 1000, logCleanerMinCleanableRatio: 0.2 });
    expect(compactionConfigOf({ 'cleanup.policy': 'compact,delete', 'min.compaction.lag.ms': '500', 'segment.bytes': '4096' }, broker)).toEqual({
      compact: true,
      delete: true,
      deleteRetentionMs: 1000,
      minCompactionLagMs: 500,
      maxCompactionLagMs: 9223372036854775807,
      minCleanableRatio: 0.2,
      segmentBytes: 4096,
    });
    expect(cleanupPolicyOf({}, broker)).toEqual({ compact: false, delete: true });
    expect(cleanupPolicyOf({ 'cleanup.policy': 'compact' }, broker)).toEqual({ compact: true, delete: false });
  });
});
