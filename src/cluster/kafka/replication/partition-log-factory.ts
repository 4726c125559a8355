/**
 * Creates a replica's log the way this broker runs it: its settings follow the topic's overrides in the metadata
 * cache over the broker's defaults (re-read on every append and retention check, so `kafka-configs --alter`
 * applies at once), and with a storage every change is mirrored there.
 */
import type { BrokerConfig } from '../broker-config.ts';
import { partitionLogListener } from '../log/broker-storage.ts';
import type { BrokerStorage, StoredPartition } from '../log/broker-storage.ts';
import { logConfigResolver } from '../log/log-config.ts';
import { PartitionLog } from '../log/partition-log.ts';
import type { ZkMetadataCache } from '../metadata/zk-metadata-cache.ts';

const NO_OVERRIDES: Readonly<Record<string, string>> = Object.freeze({});

export interface PartitionLogFactory {
  /** A new, empty log for a replica. */
  create(topic: string, partition: number): PartitionLog;
  /** The log storage kept for a replica, restored. */
  restore(stored: StoredPartition): PartitionLog;
}

export function partitionLogFactory(cache: ZkMetadataCache, config: () => BrokerConfig, storage: BrokerStorage | undefined): PartitionLogFactory {
  const resolve = logConfigResolver(config);
  const configOf = (topic: string) => () => resolve(cache.cachedTopic(topic)?.config ?? NO_OVERRIDES);
  return {
    create(topic, partition) {
      const config = configOf(topic);
      const log = new PartitionLog({ config });
      if (storage) {
        storage.createPartition(topic, partition);
        log.attach(partitionLogListener(storage, topic, partition, config));
        storage.writeSegments(topic, partition, log.segments(), config().indexIntervalBytes);
      }
      return log;
    },
    restore(stored) {
      const config = configOf(stored.topic);
      const log = new PartitionLog({ config });
      log.restore(stored.segments, stored.logStartOffset, stored.epochs);
      if (storage) log.attach(partitionLogListener(storage, stored.topic, stored.partition, config));
      return log;
    },
  };
}
