/**
 * The broker core as its own handlers (Produce, Fetch, CreateTopics, ...) see it. Not part of the contract
 * with the group coordinator: it changes with the core.
 */
import type { KafkaController } from '../controller/kafka-controller.ts';
import type { TopicAdmin } from '../controller/topic-admin.ts';
import type { ZkMetadataCache } from '../metadata/zk-metadata-cache.ts';
import type { ReplicaManager } from '../replication/replica-manager.ts';
import type { DynamicBrokerConfig } from '../dynamic-broker-config.ts';
import type { KafkaZk } from '../zk/kafka-zk.ts';

export interface BrokerInternals {
  readonly replicas: ReplicaManager;
  readonly admin: TopicAdmin;
  readonly controller: KafkaController;
  readonly cache: ZkMetadataCache;
  readonly zk: KafkaZk;
  /** Dynamic broker configs (`/config/brokers/<id>`, `<default>`). */
  readonly dynamicConfig: DynamicBrokerConfig;
}
