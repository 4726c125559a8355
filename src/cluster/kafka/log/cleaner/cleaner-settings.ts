/**
 * The broker's `log.cleaner.*` settings for its cleaner, checked as Kafka checks them at startup
 * (`CleanerConfig`, and the cleaner's "offset map is too small" requirement).
 */
import type { BrokerConfig } from '../../broker-config.ts';
import type { LogCleanerSettings } from './log-cleaner-service.ts';
import { OFFSET_MAP_BYTES_PER_ENTRY } from './offset-map.ts';

export function logCleanerSettingsOf(config: BrokerConfig): LogCleanerSettings {
  const { logCleanerEnable, logCleanerBackoffMs, logCleanerDedupeBufferSize, logCleanerIoBufferLoadFactor } = config;
  if (!Number.isInteger(logCleanerBackoffMs) || logCleanerBackoffMs < 0) {
    throw new RangeError(`broker config log.cleaner.backoff.ms must be an integer >= 0, got ${logCleanerBackoffMs}`);
  }
  if (!(logCleanerIoBufferLoadFactor > 0 && logCleanerIoBufferLoadFactor <= 1)) {
    throw new RangeError(`broker config log.cleaner.io.buffer.load.factor must be in (0, 1], got ${logCleanerIoBufferLoadFactor}`);
  }
  if (Math.floor(logCleanerDedupeBufferSize / OFFSET_MAP_BYTES_PER_ENTRY) * logCleanerIoBufferLoadFactor < 1) {
    throw new RangeError(
      `offset map is too small to fit in even a single message, so log cleaning will never make progress: ` +
        `increase log.cleaner.dedupe.buffer.size (${logCleanerDedupeBufferSize})`,
    );
  }
  return {
    enable: logCleanerEnable,
    backoffMs: logCleanerBackoffMs,
    dedupeBufferSize: logCleanerDedupeBufferSize,
    ioBufferLoadFactor: logCleanerIoBufferLoadFactor,
  };
}
