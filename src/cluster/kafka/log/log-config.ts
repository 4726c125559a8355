/**
 * The settings a replica's log acts on (Kafka's `LogConfig`), resolved from the topic's overrides
 * (`/config/topics/<t>`) over the broker's defaults through the topic config definitions, so what
 * DescribeConfigs shows is what the log does.
 */
import type { BrokerConfig } from '../broker-config.ts';
import { defaultBrokerConfig } from '../broker-config.ts';
import { topicConfigDefinition } from '../controller/topic-configs.ts';
import type { RollSettings } from './log-segment.ts';

export interface LogConfig extends RollSettings {
  /** `retention.ms`: segments whose newest record is older go (-1: never). */
  readonly retentionMs: number;
  /** `retention.bytes`: oldest segments go while the log is larger (-1: no limit). */
  readonly retentionBytes: number;
  /** `cleanup.policy` contains `delete`: retention applies. */
  readonly deleteEnabled: boolean;
  /** `cleanup.policy` contains `compact`: the cleaner applies. */
  readonly compactEnabled: boolean;
  /** `index.interval.bytes`: bytes between two offset-index entries on disk. */
  readonly indexIntervalBytes: number;
}

function setting(name: string, overrides: Readonly<Record<string, string>>, broker: BrokerConfig): string {
  const override = overrides[name];
  if (override !== undefined) return override;
  const definition = topicConfigDefinition(name);
  if (!definition) throw new RangeError(`no topic config definition for ${name}`);
  return definition.defaultValue(broker);
}

function numberSetting(name: string, overrides: Readonly<Record<string, string>>, broker: BrokerConfig): number {
  const value = Number(setting(name, overrides, broker));
  // Kafka's Long.MAX_VALUE defaults and too-large values act as "no limit".
  return Number.isFinite(value) ? value : Number.MAX_SAFE_INTEGER;
}

/** The effective log settings of a topic with `overrides` on a broker configured as `broker`. */
export function resolveLogConfig(overrides: Readonly<Record<string, string>>, broker: BrokerConfig): LogConfig {
  const policy = setting('cleanup.policy', overrides, broker)
    .split(',')
    .map((p) => p.trim());
  return {
    segmentBytes: numberSetting('segment.bytes', overrides, broker),
    segmentMs: numberSetting('segment.ms', overrides, broker),
    segmentJitterMs: numberSetting('segment.jitter.ms', overrides, broker),
    retentionMs: numberSetting('retention.ms', overrides, broker),
    retentionBytes: numberSetting('retention.bytes', overrides, broker),
    deleteEnabled: policy.includes('delete'),
    compactEnabled: policy.includes('compact'),
    indexIntervalBytes: numberSetting('index.interval.bytes', overrides, broker),
  };
}

/** Kafka's defaults: what a log gets when nobody says otherwise. */
export const defaultLogConfig: LogConfig = Object.freeze(resolveLogConfig({}, defaultBrokerConfig));

/** The topic configs the log acts on: their broker defaults decide whether a remembered resolution still holds. */
const LOG_SETTINGS = ['cleanup.policy', 'segment.bytes', 'segment.ms', 'segment.jitter.ms', 'retention.ms', 'retention.bytes', 'index.interval.bytes'];

/**
 * `resolveLogConfig` remembered per overrides object (the metadata cache replaces it when `/config/topics/<t>`
 * changes) and per the broker defaults it used (a dynamic broker config may change them in place or replace the
 * config), so a log can ask on every append.
 */
export function logConfigResolver(broker: () => BrokerConfig): (overrides: Readonly<Record<string, string>>) => LogConfig {
  const resolved = new WeakMap<object, { defaults: string; config: LogConfig }>();
  return (overrides) => {
    const current = broker();
    const defaults = LOG_SETTINGS.map((name) => topicConfigDefinition(name)?.defaultValue(current)).join('|');
    const known = resolved.get(overrides);
    if (known && known.defaults === defaults) return known.config;
    const config = resolveLogConfig(overrides, current);
    resolved.set(overrides, { defaults, config });
    return config;
  };
}
