/**
 * A topic's compaction settings (Kafka's `LogConfig`): `cleanup.policy` (`delete`, `compact` or both), the
 * tombstone retention `delete.retention.ms`, `min.compaction.lag.ms` / `max.compaction.lag.ms`,
 * `min.cleanable.dirty.ratio` and `segment.bytes` (the size a cleaned group stays within). Each is the topic's
 * override from `/config/topics/<t>`, else the default `topic-configs.ts` gives (which follows the broker's
 * setting where Kafka's does).
 */
import type { BrokerConfig } from '../../broker-config.ts';
import { topicConfigDefinition } from '../../controller/topic-configs.ts';

export interface CompactionConfig {
  readonly compact: boolean;
  readonly delete: boolean;
  readonly deleteRetentionMs: number;
  readonly minCompactionLagMs: number;
  readonly maxCompactionLagMs: number;
  readonly minCleanableRatio: number;
  readonly segmentBytes: number;
}

/** `cleanup.policy` as its two flags (`compact,delete` sets both). */
export function cleanupPolicyOf(overrides: Readonly<Record<string, string>>, broker: BrokerConfig): { compact: boolean; delete: boolean } {
  const policies = setting(overrides, broker, 'cleanup.policy')
    .split(',')
    .map((p) => p.trim().toLowerCase());
  return { compact: policies.includes('compact'), delete: policies.includes('delete') };
}

export function isCompactedTopic(overrides: Readonly<Record<string, string>>, broker: BrokerConfig): boolean {
  return cleanupPolicyOf(overrides, broker).compact;
}

export function compactionConfigOf(overrides: Readonly<Record<string, string>>, broker: BrokerConfig): CompactionConfig {
  const number = (name: string) => {
    const value = Number(setting(overrides, broker, name));
    if (!Number.isFinite(value)) throw new RangeError(`topic config ${name} is not a number: ${setting(overrides, broker, name)}`);
    return value;
  };
  return {
    ...cleanupPolicyOf(overrides, broker),
    deleteRetentionMs: number('delete.retention.ms'),
    minCompactionLagMs: number('min.compaction.lag.ms'),
    maxCompactionLagMs: number('max.compaction.lag.ms'),
    minCleanableRatio: number('min.cleanable.dirty.ratio'),
    segmentBytes: number('segment.bytes'),
  };
}

function setting(overrides: Readonly<Record<string, string>>, broker: BrokerConfig, name: string): string {
  const override = overrides[name];
  if (override !== undefined) return override;
  const definition = topicConfigDefinition(name);
  if (definition === undefined) throw new RangeError(`unknown topic config ${name}`);
  return definition.defaultValue(broker);
}
