/**
 * The part of Java's `ConsumerConfig` the console consumer depends on, read from the properties
 * ConsoleConsumerOptions built, with ConfigDef's defaults and messages. A bad value fails
 * `new KafkaConsumer(...)` in `run()`, which main logs as "Unknown error when running consumer".
 */
import { ConfigReader } from '../kafka/config-exception.ts';

export interface ConsumerSettings {
  bootstrapServers: string;
  clientId: string;
  groupId: string;
  enableAutoCommit: boolean;
  autoCommitIntervalMs: number;
  autoOffsetReset: 'latest' | 'earliest' | 'none';
  isolationLevel: 'read_committed' | 'read_uncommitted';
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxPollIntervalMs: number;
  fetchMaxBytes: number;
  maxPartitionFetchBytes: number;
  fetchMinBytes: number;
  fetchMaxWaitMs: number;
  requestTimeoutMs: number;
  metadataMaxAgeMs: number;
  retryBackoffMs: number;
  excludeInternalTopics: boolean;
  allowAutoCreateTopics: boolean;
}

/** KafkaConsumer's constructor frames under ConfigDef's (Kafka 3.9 line numbers). */
const CONSUMER_CONFIG_FRAMES = [
  'org.apache.kafka.clients.consumer.ConsumerConfig.<init>(ConsumerConfig.java:735)',
  'org.apache.kafka.clients.consumer.KafkaConsumer.<init>(KafkaConsumer.java:595)',
  'org.apache.kafka.clients.consumer.KafkaConsumer.<init>(KafkaConsumer.java:576)',
  'org.apache.kafka.tools.consumer.ConsoleConsumer.run(ConsoleConsumer.java:71)',
  'org.apache.kafka.tools.consumer.ConsoleConsumer.main(ConsoleConsumer.java:59)',
];

/** Throws `ConfigException`. */
export function consumerSettings(props: ReadonlyMap<string, string>): ConsumerSettings {
  const config = new ConfigReader(props, CONSUMER_CONFIG_FRAMES);
  return {
    bootstrapServers: config.string('bootstrap.servers', ''),
    clientId: props.get('client.id') ?? 'console-consumer',
    groupId: props.get('group.id') ?? '',
    enableAutoCommit: config.boolean('enable.auto.commit', true),
    autoCommitIntervalMs: config.int('auto.commit.interval.ms', 5000),
    autoOffsetReset: config.oneOf('auto.offset.reset', 'latest', ['latest', 'earliest', 'none']) as ConsumerSettings['autoOffsetReset'],
    isolationLevel: config.oneOf('isolation.level', 'read_uncommitted', ['read_committed', 'read_uncommitted']) as ConsumerSettings['isolationLevel'],
    sessionTimeoutMs: config.int('session.timeout.ms', 45_000),
    heartbeatIntervalMs: config.int('heartbeat.interval.ms', 3000),
    maxPollIntervalMs: config.int('max.poll.interval.ms', 300_000),
    fetchMaxBytes: config.int('fetch.max.bytes', 52_428_800),
    maxPartitionFetchBytes: config.int('max.partition.fetch.bytes', 1_048_576),
    fetchMinBytes: config.int('fetch.min.bytes', 1),
    fetchMaxWaitMs: config.int('fetch.max.wait.ms', 500),
    requestTimeoutMs: config.int('request.timeout.ms', 30_000),
    metadataMaxAgeMs: config.long('metadata.max.age.ms', 300_000),
    retryBackoffMs: config.long('retry.backoff.ms', 100),
    excludeInternalTopics: config.boolean('exclude.internal.topics', true),
    allowAutoCreateTopics: config.boolean('allow.auto.create.topics', true),
  };
}
