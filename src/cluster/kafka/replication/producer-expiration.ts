/**
 * `producer.id.expiration.ms` on one broker: every `producer.id.expiration.check.interval.ms` each
 * replica drops the idempotent producers whose last batch is that old (Kafka's LogManager schedules
 * `UnifiedLog.removeExpiredProducers` with that period, on leaders and followers alike), and a replica
 * rebuilt from its log drops them at once (Kafka's `loadFromSnapshot` skips expired entries). The
 * settings are read at each check, so a changed config applies from the next one.
 */
import type { BrokerConfig } from '../broker-config.ts';
import type { Logger } from '../../logger.ts';
import type { Partition } from './partition.ts';

/** Drops the expired producers of one replica; logs how many, as Kafka does at debug level. */
export function expireProducers(partition: Partition, config: BrokerConfig, logger: Logger, nowMs = Date.now()): number {
  if (partition.producers.size === 0) return 0;
  const expired = partition.producers.removeExpiredProducers(nowMs, config.producerIdExpirationMs);
  if (expired.length > 0) {
    logger.debug('Removed expired producer ids', { partition: partition.name, producerIds: expired.map(String), expirationMs: config.producerIdExpirationMs });
  }
  return expired.length;
}

/** Starts the periodic check over `partitions()`; returns the function that stops it. */
export function scheduleProducerExpiration(partitions: () => Iterable<Partition>, config: BrokerConfig, logger: Logger): () => void {
  const timer = setInterval(() => {
    for (const partition of partitions()) expireProducers(partition, config, logger);
  }, config.producerIdExpirationCheckIntervalMs);
  return () => clearInterval(timer);
}
