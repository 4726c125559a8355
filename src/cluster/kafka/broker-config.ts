/**
 * Broker configuration: Kafka's `server.properties` settings that the teaching brokers honour, with
 * teaching-scale defaults for the timeouts (so a failover is seen in seconds, not in tens of seconds).
 *
 * Keys are the Kafka names in lowerCamelCase; `brokerConfigNames` maps them back to the dotted names
 * DescribeConfigs shows (`num.partitions`, ...).
 */
export interface BrokerConfig {
  /** `num.partitions`: partitions of a topic created with -1 partitions or auto-created. Kafka: 1. */
  numPartitions: number;
  /** `default.replication.factor`: replicas of a topic created with RF -1 or auto-created. Kafka: 1. */
  defaultReplicationFactor: number;
  /** `min.insync.replicas`: with acks=all, the fewest ISR members a write needs. Kafka: 1. */
  minInsyncReplicas: number;
  /** `auto.create.topics.enable`: Metadata/Produce for an unknown topic creates it. Kafka: true. */
  autoCreateTopicsEnable: boolean;
  /** `delete.topic.enable`: DeleteTopics is allowed. Kafka: true. */
  deleteTopicEnable: boolean;
  /** `unclean.leader.election.enable`: elect a leader outside the ISR when no ISR member is alive. Kafka: false. */
  uncleanLeaderElectionEnable: boolean;
  /** `offsets.topic.num.partitions`: partitions of `__consumer_offsets`. Kafka: 50; the course may use fewer. */
  offsetsTopicNumPartitions: number;
  /** `offsets.topic.replication.factor`: RF of `__consumer_offsets`, which (as in Kafka) is created by the first
   * FindCoordinator for a group and fails with COORDINATOR_NOT_AVAILABLE while fewer brokers are alive: a
   * one-broker lab sets it to 1. Kafka: 3. */
  offsetsTopicReplicationFactor: number;
  /** `group.initial.rebalance.delay.ms`: the group coordinator waits this long for more members on the first
   * rebalance of an empty group. Kafka: 3000; teaching default 0. */
  groupInitialRebalanceDelayMs: number;
  /** `group.min.session.timeout.ms`. Kafka: 6000. */
  groupMinSessionTimeoutMs: number;
  /** `group.max.session.timeout.ms`. Kafka: 1800000. */
  groupMaxSessionTimeoutMs: number;
  /** `zookeeper.session.timeout.ms`: how long ZooKeeper keeps a killed broker's ephemeral znodes (and thus its
   * leaderships). Kafka: 18000; teaching default 4000 (a real ZooKeeper clamps it to [2, 20] x tickTime). */
  zookeeperSessionTimeoutMs: number;
  /** `replica.lag.time.max.ms`: a follower that has not caught up for this long leaves the ISR. Kafka: 30000;
   * teaching default 3000. */
  replicaLagTimeMaxMs: number;
  /** `replica.fetch.wait.max.ms`: long-poll time of follower fetches (must stay below the lag time). Kafka: 500. */
  replicaFetchWaitMaxMs: number;
  /** `replica.fetch.backoff.ms`: pause after a failed follower fetch. Kafka: 1000; teaching default 200. */
  replicaFetchBackoffMs: number;
  /** `replica.fetch.max.bytes`: bytes per partition a follower fetch asks for. Kafka: 1048576. */
  replicaFetchMaxBytes: number;
  /** `message.max.bytes`: the largest record batch a Produce may carry. Kafka: 1048588. */
  messageMaxBytes: number;
  /** `log.cleaner.enable`: the log cleaner compacts topics whose `cleanup.policy` has `compact`. Kafka: true. */
  logCleanerEnable: boolean;
  /** `log.cleaner.backoff.ms`: the cleaner's pause when no log needs cleaning. Kafka: 15000. */
  logCleanerBackoffMs: number;
  /** `log.cleaner.dedupe.buffer.size`: bytes of the cleaner's key => offset map (24 per key). Kafka: 134217728. */
  logCleanerDedupeBufferSize: number;
  /** `log.cleaner.io.buffer.load.factor`: how full that map may get. Kafka: 0.9. */
  logCleanerIoBufferLoadFactor: number;
  /** `log.cleaner.delete.retention.ms`: topics' `delete.retention.ms` default (how long tombstones stay). Kafka: 86400000. */
  logCleanerDeleteRetentionMs: number;
  /** `log.cleaner.min.compaction.lag.ms`: topics' `min.compaction.lag.ms` default. Kafka: 0. */
  logCleanerMinCompactionLagMs: number;
  /** `log.cleaner.min.cleanable.ratio`: topics' `min.cleanable.dirty.ratio` default. Kafka: 0.5. */
  logCleanerMinCleanableRatio: number;
  /** `socket.request.max.bytes`: a request frame whose int32 size is larger closes that connection ("Invalid
   * receive (size = X larger than Y)"), before its bytes are buffered. Kafka: 104857600. */
  socketRequestMaxBytes: number;
  /** `controlled.shutdown.enable`: `stop()` moves leaderships away before leaving. Kafka: true. */
  controlledShutdownEnable: boolean;
  /** `auto.leader.rebalance.enable`: the controller moves leadership back to each partition's preferred
   * (first) replica once it is in the ISR again. Kafka: true. */
  autoLeaderRebalanceEnable: boolean;
  /** `leader.imbalance.check.interval.seconds`: how often it checks. Kafka: 300. */
  leaderImbalanceCheckIntervalSeconds: number;
  /** `log.retention.ms`: how long a segment is kept after its newest record (topics' `retention.ms` default; -1
   * keeps them forever). Kafka: unset, from `log.retention.hours` (168 h = 604800000). */
  logRetentionMs: number;
  /** `log.retention.hours`: the same in hours, used when `log.retention.ms` is not set. Kafka: 168. */
  logRetentionHours: number;
  /** `log.retention.bytes`: the largest a partition's log may grow before its oldest segments go (topics'
   * `retention.bytes` default). Kafka: -1 (no limit). */
  logRetentionBytes: number;
  /** `log.segment.bytes`: the active segment rolls before it would pass this size (topics' `segment.bytes`).
   * Kafka: 1073741824. */
  logSegmentBytes: number;
  /** `log.roll.ms`: the active segment rolls once its first record is this old (topics' `segment.ms`). Kafka:
   * unset, from `log.roll.hours` (168 h = 604800000). */
  logRollMs: number;
  /** `log.roll.hours`: the same in hours, used when `log.roll.ms` is not set. Kafka: 168. */
  logRollHours: number;
  /** `log.retention.check.interval.ms`: how often the log manager deletes what retention allows. Kafka: 300000. */
  logRetentionCheckIntervalMs: number;
  /** `log.index.interval.bytes`: bytes of batches between two offset-index entries (topics'
   * `index.interval.bytes`). Kafka: 4096. */
  logIndexIntervalBytes: number;
  /** `compression.type`: the default of every topic's compression.type (`producer` keeps each batch as sent;
   * uncompressed, gzip, snappy, lz4 or zstd recompress; see log/topic-compression.ts). Kafka: producer. */
  compressionType: string;
  /** `producer.id.expiration.ms`: an idempotent producer's state (sequence, last 5 batches) is dropped once
   * its last batch's timestamp is this old (log/producer-expiration.ts). Kafka: 86400000 (1 day). */
  producerIdExpirationMs: number;
  /** `producer.id.expiration.check.interval.ms`: how often each broker drops expired producers. Kafka: 600000. */
  producerIdExpirationCheckIntervalMs: number;
}

/** The values of `compression.type` (Kafka's order, as its ConfigException lists them). */
const COMPRESSION_TYPE_VALUES: readonly string[] = ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'];

export const defaultBrokerConfig: Readonly<BrokerConfig> = Object.freeze({
  numPartitions: 1,
  defaultReplicationFactor: 1,
  minInsyncReplicas: 1,
  autoCreateTopicsEnable: true,
  deleteTopicEnable: true,
  uncleanLeaderElectionEnable: false,
  offsetsTopicNumPartitions: 50,
  offsetsTopicReplicationFactor: 3,
  groupInitialRebalanceDelayMs: 0,
  groupMinSessionTimeoutMs: 6000,
  groupMaxSessionTimeoutMs: 1_800_000,
  zookeeperSessionTimeoutMs: 4000,
  replicaLagTimeMaxMs: 3000,
  replicaFetchWaitMaxMs: 500,
  replicaFetchBackoffMs: 200,
  replicaFetchMaxBytes: 1_048_576,
  messageMaxBytes: 1_048_588,
  logCleanerEnable: true,
  logCleanerBackoffMs: 15_000,
  logCleanerDedupeBufferSize: 134_217_728,
  logCleanerIoBufferLoadFactor: 0.9,
  logCleanerDeleteRetentionMs: 86_400_000,
  logCleanerMinCompactionLagMs: 0,
  logCleanerMinCleanableRatio: 0.5,
  socketRequestMaxBytes: 104_857_600,
  controlledShutdownEnable: true,
  autoLeaderRebalanceEnable: true,
  leaderImbalanceCheckIntervalSeconds: 300,
  logRetentionMs: 604_800_000,
  logRetentionHours: 168,
  logRetentionBytes: -1,
  logSegmentBytes: 1_073_741_824,
  logRollMs: 604_800_000,
  logRollHours: 168,
  logRetentionCheckIntervalMs: 300_000,
  logIndexIntervalBytes: 4096,
  compressionType: 'producer',
  producerIdExpirationMs: 86_400_000,
  producerIdExpirationCheckIntervalMs: 600_000,
});

/**
 * Kafka's own defaults (what DescribeConfigs calls DEFAULT_CONFIG). The teaching defaults above differ in a
 * few timeouts; a setting whose value differs from Kafka's default is shown as set in the broker's config
 * (STATIC_BROKER_CONFIG), as `server.properties` / docker-compose.yml would set it.
 */
export const kafkaBrokerDefaults: Readonly<Partial<BrokerConfig>> = Object.freeze({
  ...defaultBrokerConfig,
  groupInitialRebalanceDelayMs: 3000,
  zookeeperSessionTimeoutMs: 18_000,
  replicaLagTimeMaxMs: 30_000,
  replicaFetchBackoffMs: 1000,
});

/** Whether `key` is at Kafka's default in `config` (DescribeConfigs: DEFAULT_CONFIG rather than STATIC_BROKER_CONFIG). */
export function isKafkaDefault(config: BrokerConfig, key: keyof BrokerConfig): boolean {
  const kafkaDefault = kafkaBrokerDefaults[key];
  return kafkaDefault !== undefined && config[key] === kafkaDefault;
}

/** Kafka's dotted name for each setting, as DescribeConfigs (`kafka-configs --describe`) prints it. */
export const brokerConfigNames: Readonly<Record<keyof BrokerConfig, string>> = Object.freeze({
  numPartitions: 'num.partitions',
  defaultReplicationFactor: 'default.replication.factor',
  minInsyncReplicas: 'min.insync.replicas',
  autoCreateTopicsEnable: 'auto.create.topics.enable',
  deleteTopicEnable: 'delete.topic.enable',
  uncleanLeaderElectionEnable: 'unclean.leader.election.enable',
  offsetsTopicNumPartitions: 'offsets.topic.num.partitions',
  offsetsTopicReplicationFactor: 'offsets.topic.replication.factor',
  groupInitialRebalanceDelayMs: 'group.initial.rebalance.delay.ms',
  groupMinSessionTimeoutMs: 'group.min.session.timeout.ms',
  groupMaxSessionTimeoutMs: 'group.max.session.timeout.ms',
  zookeeperSessionTimeoutMs: 'zookeeper.session.timeout.ms',
  replicaLagTimeMaxMs: 'replica.lag.time.max.ms',
  replicaFetchWaitMaxMs: 'replica.fetch.wait.max.ms',
  replicaFetchBackoffMs: 'replica.fetch.backoff.ms',
  replicaFetchMaxBytes: 'replica.fetch.max.bytes',
  messageMaxBytes: 'message.max.bytes',
  logCleanerEnable: 'log.cleaner.enable',
  logCleanerBackoffMs: 'log.cleaner.backoff.ms',
  logCleanerDedupeBufferSize: 'log.cleaner.dedupe.buffer.size',
  logCleanerIoBufferLoadFactor: 'log.cleaner.io.buffer.load.factor',
  logCleanerDeleteRetentionMs: 'log.cleaner.delete.retention.ms',
  logCleanerMinCompactionLagMs: 'log.cleaner.min.compaction.lag.ms',
  logCleanerMinCleanableRatio: 'log.cleaner.min.cleanable.ratio',
  socketRequestMaxBytes: 'socket.request.max.bytes',
  controlledShutdownEnable: 'controlled.shutdown.enable',
  autoLeaderRebalanceEnable: 'auto.leader.rebalance.enable',
  leaderImbalanceCheckIntervalSeconds: 'leader.imbalance.check.interval.seconds',
  logRetentionMs: 'log.retention.ms',
  logRetentionHours: 'log.retention.hours',
  logRetentionBytes: 'log.retention.bytes',
  logSegmentBytes: 'log.segment.bytes',
  logRollMs: 'log.roll.ms',
  logRollHours: 'log.roll.hours',
  logRetentionCheckIntervalMs: 'log.retention.check.interval.ms',
  logIndexIntervalBytes: 'log.index.interval.bytes',
  compressionType: 'compression.type',
  producerIdExpirationMs: 'producer.id.expiration.ms',
  producerIdExpirationCheckIntervalMs: 'producer.id.expiration.check.interval.ms',
});

/** Fills in defaults and rejects settings that cannot work, with a hint. */
export function resolveBrokerConfig(overrides: Partial<BrokerConfig> = {}): BrokerConfig {
  const config: BrokerConfig = { ...defaultBrokerConfig, ...overrides };
  // As Kafka: `log.retention.ms` wins over `log.retention.hours`, `log.roll.ms` over `log.roll.hours`.
  if (overrides.logRetentionMs === undefined && overrides.logRetentionHours !== undefined) config.logRetentionMs = overrides.logRetentionHours * 3_600_000;
  if (overrides.logRollMs === undefined && overrides.logRollHours !== undefined) config.logRollMs = overrides.logRollHours * 3_600_000;
  const positive: Array<keyof BrokerConfig> = [
    'numPartitions',
    'defaultReplicationFactor',
    'minInsyncReplicas',
    'offsetsTopicNumPartitions',
    'offsetsTopicReplicationFactor',
    'zookeeperSessionTimeoutMs',
    'replicaLagTimeMaxMs',
    'leaderImbalanceCheckIntervalSeconds',
    'socketRequestMaxBytes',
    'producerIdExpirationMs',
    'producerIdExpirationCheckIntervalMs',
    'logSegmentBytes',
    'logRollMs',
    'logRetentionCheckIntervalMs',
  ];
  for (const key of positive) {
    const value = config[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new RangeError(`broker config ${brokerConfigNames[key]} must be a positive integer, got ${String(value)}`);
    }
  }
  if (!COMPRESSION_TYPE_VALUES.includes(config.compressionType)) {
    throw new RangeError(`broker config compression.type must be one of ${COMPRESSION_TYPE_VALUES.join(', ')}, got ${String(config.compressionType)}`);
  }
  if (config.replicaFetchWaitMaxMs >= config.replicaLagTimeMaxMs) {
    throw new RangeError(
      `replica.fetch.wait.max.ms (${config.replicaFetchWaitMaxMs}) must be below replica.lag.time.max.ms ` +
        `(${config.replicaLagTimeMaxMs}), or every follower would drop out of the ISR while it waits`,
    );
  }
  return config;
}
