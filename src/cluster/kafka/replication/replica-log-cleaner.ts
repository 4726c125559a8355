/**
 * The broker's log cleaner over its replicas: every replica whose topic has `compact` in `cleanup.policy`, leader
 * or follower, is cleaned by this broker itself (as in Kafka, where each broker's LogManager runs its own
 * cleaner on its own logs), with the topic's settings as they are now in the metadata cache.
 */
import type { Logger } from '../../logger.ts';
import type { BrokerConfig } from '../broker-config.ts';
import type { BrokerStorage } from '../log/broker-storage.ts';
import type { Scheduler } from '../group/scheduler.ts';
import { systemScheduler } from '../group/scheduler.ts';
import { logCleanerSettingsOf } from '../log/cleaner/cleaner-settings.ts';
import { compactionConfigOf } from '../log/cleaner/compaction-config.ts';
import { LogCleanerService } from '../log/cleaner/log-cleaner-service.ts';
import type { CompactedLog } from '../log/cleaner/log-cleaner-service.ts';
import type { ZkMetadataCache } from '../metadata/zk-metadata-cache.ts';
import { compactedReplicaLog } from './compacted-replica-log.ts';
import type { Partition } from './partition.ts';

const NO_OVERRIDES: Readonly<Record<string, string>> = Object.freeze({});

export interface ReplicaLogCleanerOptions {
  readonly partitions: () => Iterable<Partition>;
  readonly cache: ZkMetadataCache;
  /** The broker's settings (read again on every round: topic defaults follow them). */
  readonly config: () => BrokerConfig;
  readonly logger: Logger;
  readonly scheduler?: Scheduler;
  /** The broker's log dir, which keeps each log's cleaner checkpoint. */
  readonly storage?: BrokerStorage;
}

export function replicaLogCleaner(options: ReplicaLogCleanerOptions): LogCleanerService {
  const { cache, config } = options;
  function* logs(): Iterable<CompactedLog> {
    for (const partition of options.partitions()) {
      if (partition.role === 'none') continue;
      // Kafka's `maybeTruncateCheckpoint`: the clean part never ends past a truncation. Hooked on every pass,
      // so before this cleaner's first round on the replica (a replica carried over from a previous ZooKeeper
      // session's replica manager is told to this one from then on).
      partition.onTruncated = (logEndOffset) => {
        const lowered = service.truncated(partition.name, logEndOffset);
        if (lowered !== undefined) options.storage?.checkpointCleanerOffset?.(partition.topic, partition.partition, lowered);
      };
      yield compactedReplicaLog(partition, () => compactionConfigOf(cache.cachedTopic(partition.topic)?.config ?? NO_OVERRIDES, config()), options.storage);
    }
  }
  logCleanerSettingsOf(config()); // refuses impossible settings at startup, with the reason
  const service = new LogCleanerService({
    settings: () => logCleanerSettingsOf(config()),
    scheduler: options.scheduler ?? systemScheduler,
    logger: options.logger,
    logs,
  });
  return service;
}
