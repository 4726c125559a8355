import type { BrokerConfig } from './kafka/broker-config.ts';

/**
 * The course's broker settings, the same as docker-compose.yml sets for the Docker stack: every topic
 * replicated three times, acks=all writes need two in-sync replicas. `EmbeddedCluster` uses them unless
 * given other settings (spread them to change one: `{ ...courseBrokerConfig, minInsyncReplicas: 1 }`).
 */
export const courseBrokerConfig: Readonly<Partial<BrokerConfig>> = Object.freeze({
  defaultReplicationFactor: 3,
  minInsyncReplicas: 2,
  offsetsTopicReplicationFactor: 3,
  // Kafka waits 3 s for more members before a new group's first rebalance; a short wait keeps the
  // labs snappy while still letting consumers started together land in one rebalance.
  groupInitialRebalanceDelayMs: 300,
});
