/**
 * The producer's configuration as ConsoleProducer builds it (`producerProps`: the
 * `--producer.config` file, then `--producer-property`, then the tool's own options where given or
 * where nothing set the key — `CommandLineUtils.maybeMergeOptions`), and the part of Java's
 * `ProducerConfig` parsing the console producer depends on, with ConfigDef's messages.
 */
import type { ToolEnvironment } from '../../tool-environment.ts';
import { ConfigReader } from '../kafka/config-exception.ts';
import { loadProps } from '../kafka/java-properties.ts';
import { idempotenceEnabled } from './idempotence-config.ts';
import type { ConsoleProducerOptions } from './producer-options.ts';

export interface ProducerSettings {
  bootstrapServers: string;
  clientId: string;
  /** -1 (all), 0 or 1. */
  acks: number;
  compressionType: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
  lingerMs: number;
  batchSize: number;
  retries: number;
  retryBackoffMs: number;
  requestTimeoutMs: number;
  maxBlockMs: number;
  deliveryTimeoutMs: number;
  metadataMaxAgeMs: number;
  /** `enable.idempotence` after Kafka's post-processing (see idempotence-config.ts): true by default with acks=all. */
  enableIdempotence: boolean;
}

/** Tool option → producer config key, with the option's jopt type and default (ConsoleProducer 3.9). */
const MERGED_OPTIONS: ReadonlyArray<{ option: string; key: string; type: 'int' | 'long' | 'string'; fallback: string }> = [
  { option: 'timeout', key: 'linger.ms', type: 'long', fallback: '1000' },
  { option: 'request-required-acks', key: 'acks', type: 'string', fallback: '-1' },
  { option: 'request-timeout-ms', key: 'request.timeout.ms', type: 'int', fallback: '1500' },
  { option: 'message-send-max-retries', key: 'retries', type: 'int', fallback: '3' },
  { option: 'retry-backoff-ms', key: 'retry.backoff.ms', type: 'long', fallback: '100' },
  { option: 'socket-buffer-size', key: 'send.buffer.bytes', type: 'int', fallback: '102400' },
  { option: 'max-memory-bytes', key: 'buffer.memory', type: 'long', fallback: '33554432' },
  { option: 'batch-size', key: 'batch.size', type: 'int', fallback: '16384' },
  { option: 'max-partition-memory-bytes', key: 'batch.size', type: 'int', fallback: '16384' },
  { option: 'metadata-expiry-ms', key: 'metadata.max.age.ms', type: 'long', fallback: '300000' },
  { option: 'max-block-ms', key: 'max.block.ms', type: 'long', fallback: '60000' },
];

/** `producerProps(config)`. Throws jopt's OptionException for a bad number, NoSuchFileException for a missing file. */
export async function producerProps(env: ToolEnvironment, options: ConsoleProducerOptions): Promise<Map<string, string>> {
  const producerConfig = options.parsed.valueOf('producer.config');
  const props = producerConfig !== undefined ? await loadProps(env, producerConfig) : new Map<string, string>();
  for (const [key, value] of options.producerProperties) props.set(key, value);
  props.set('bootstrap.servers', options.bootstrapServer);
  props.set('compression.type', options.compressionCodec);
  if (!props.has('client.id')) props.set('client.id', 'console-producer');
  for (const { option, key, type, fallback } of MERGED_OPTIONS) {
    if (!options.parsed.has(option) && props.has(key)) continue;
    if (type === 'string') props.set(key, options.parsed.valueOf(option) ?? fallback);
    else props.set(key, String((type === 'int' ? options.parsed.intValueOf(option) : options.parsed.longValueOf(option)) ?? fallback));
  }
  return props;
}

/** The producer's constructor frames under ConfigDef's (Kafka 3.9 line numbers). */
const PRODUCER_CONFIG_FRAMES = [
  'org.apache.kafka.clients.producer.ProducerConfig.<init>(ProducerConfig.java:644)',
  'org.apache.kafka.clients.producer.KafkaProducer.<init>(KafkaProducer.java:297)',
  'org.apache.kafka.clients.producer.KafkaProducer.<init>(KafkaProducer.java:324)',
  'org.apache.kafka.clients.producer.KafkaProducer.<init>(KafkaProducer.java:309)',
  'kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:99)',
  'kafka.tools.ConsoleProducer.main(ConsoleProducer.scala)',
];

const ACKS = ['all', '-1', '0', '1'];
const COMPRESSION_TYPES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

/** `new ProducerConfig(props)` for the settings this producer uses. Throws `ConfigException`. */
export function producerSettings(props: ReadonlyMap<string, string>): ProducerSettings {
  const config = new ConfigReader(props, PRODUCER_CONFIG_FRAMES);
  const acks = config.oneOf('acks', 'all', ACKS);
  const compressionType = config.oneOf('compression.type', 'none', COMPRESSION_TYPES) as ProducerSettings['compressionType'];
  const lingerMs = config.long('linger.ms', 5);
  const requestTimeoutMs = config.int('request.timeout.ms', 30_000);
  const retries = config.int('retries', 2_147_483_647);
  const configuredIdempotence = props.has('enable.idempotence') ? config.boolean('enable.idempotence', true) : undefined;
  const maxInFlightRequestsPerConnection = config.int('max.in.flight.requests.per.connection', 5);
  const numericAcks = acks === 'all' ? -1 : Number(acks);
  return {
    bootstrapServers: config.string('bootstrap.servers', ''),
    clientId: props.get('client.id') ?? 'console-producer',
    acks: numericAcks,
    compressionType,
    lingerMs,
    batchSize: config.int('batch.size', 16_384),
    retries,
    retryBackoffMs: config.long('retry.backoff.ms', 100),
    requestTimeoutMs,
    maxBlockMs: config.long('max.block.ms', 60_000),
    // KafkaProducer raises a default delivery.timeout.ms below linger.ms + request.timeout.ms to that sum.
    deliveryTimeoutMs: Math.max(config.int('delivery.timeout.ms', 120_000), lingerMs + requestTimeoutMs),
    metadataMaxAgeMs: config.long('metadata.max.age.ms', 300_000),
    enableIdempotence: idempotenceEnabled({ configured: configuredIdempotence, acks: numericAcks, retries, maxInFlightRequestsPerConnection }, PRODUCER_CONFIG_FRAMES),
  };
}
