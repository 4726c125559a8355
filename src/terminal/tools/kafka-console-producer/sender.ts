/**
 * The Java producer's Sender for the console producer: each ready batch goes to its partition's
 * leader in one Produce request (batches of one partition in order, one at a time). A retriable error
 * is retried `retries` times, `retry.backoff.ms` apart, with the Sender's WARN line; a batch whose
 * partition has no leader waits until `delivery.timeout.ms` has passed since it was created. Every
 * record of the batch then completes with the batch's outcome.
 */
import type { ToolEnvironment } from '../../tool-environment.ts';
import { pause } from '../kafka/deadline.ts';
import { kafkaException } from '../kafka/java-exception.ts';
import type { PartitionLeader } from '../kafka/console-client.ts';
import type { KafkajsBroker, KafkajsCluster, KafkajsProducedRecord } from '../kafka/kafkajs-client-cluster.ts';
import type { ProducerSettings } from './producer-config.ts';
import { kafkajsErrorCode } from '../kafka/kafka-error-exceptions.ts';
import { disconnectedFrom, produceFailure, produceFailureForCode } from './produce-errors.ts';
import type { ProduceFailure } from './produce-errors.ts';
import { ProducerIdentity } from './producer-identity.ts';
import type { BatchIdentity } from './producer-identity.ts';
import type { ProducerBatch } from './record-accumulator.ts';
import { KAFKA_ERRORS } from '../../../cluster/kafka/protocol/index.ts';

const SENDER = 'org.apache.kafka.clients.producer.internals.Sender';
/** kafkajs codec ids (snappy, lz4 and zstd registered by `kafkajs-compression-codecs.ts`). */
const CODECS: Readonly<Record<string, number>> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

/** What the traffic tap saw of Produce requests and answers. */
export interface ProduceTraffic {
  /** The correlation id and error code of the latest Produce answer that failed `topic-partition`. */
  lastError(topicPartition: string): { correlationId: number; code: number; errorMessage: string | null } | undefined;
  /** The correlation id of the latest Produce request to broker `nodeId`. */
  lastRequest(nodeId: number): number | undefined;
}

export interface SenderOptions {
  cluster: KafkajsCluster;
  /** The partitions of a topic as the latest Metadata answer gave them. */
  partitions: (topic: string) => PartitionLeader[];
  /** Asks for new metadata of a topic. */
  refreshMetadata: (topic: string) => Promise<void>;
  settings: ProducerSettings;
  env: ToolEnvironment;
  /** Aborted when the tool is interrupted: batches still being retried are dropped. */
  signal: AbortSignal;
  traffic: ProduceTraffic;
  /** Prints a WARN line with the producer's log context. */
  warn: (message: string, logger: string) => void;
}

export class Sender {
  readonly #options: SenderOptions;
  readonly #chains = new Map<string, Promise<void>>();
  readonly #inFlight = new Set<Promise<void>>();
  /** The producer id and sequences when `enable.idempotence` is on (Kafka 3.9's default with acks=all). */
  readonly #identity: ProducerIdentity | null;

  constructor(options: SenderOptions) {
    this.#options = options;
    this.#identity = options.settings.enableIdempotence ? new ProducerIdentity() : null;
  }

  send(batch: ProducerBatch): void {
    const id = `${batch.topic}-${batch.partition}`;
    const previous = this.#chains.get(id) ?? Promise.resolve();
    const next = previous.then(() => this.#deliver(batch));
    this.#chains.set(id, next);
    this.#inFlight.add(next);
    void next.finally(() => {
      this.#inFlight.delete(next);
      if (this.#chains.get(id) === next) this.#chains.delete(id);
    });
  }

  /** Resolves once every batch handed over so far has completed. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  async #deliver(batch: ProducerBatch): Promise<void> {
    const { cluster, settings, env, signal } = this.#options;
    const topicPartition = `${batch.topic}-${batch.partition}`;
    const codec = CODECS[settings.compressionType];
    if (codec === undefined) {
      // Not a codec Kafka defines (producer-config.ts validates compression.type first).
      return this.#complete(batch, produceFailure(KAFKA_ERRORS.UNSUPPORTED_COMPRESSION_TYPE));
    }
    let attempts = 0;
    /** Set when the batch is first sent idempotently; every retry reuses it. */
    let identity: BatchIdentity | undefined;
    for (;;) {
      if (signal.aborted) return;
      const waited = env.now() - batch.createdAt;
      if (waited >= settings.deliveryTimeoutMs) {
        const exception = kafkaException('TimeoutException', `Expiring ${batch.records.length} record(s) for ${topicPartition}:${waited} ms has passed since batch creation`);
        if (identity) this.#identity?.failed(identity);
        return this.#completeWith(batch, exception);
      }
      const leader = this.#leaderOf(batch);
      if (leader === undefined) {
        await this.#options.refreshMetadata(batch.topic);
        await pause(settings.retryBackoffMs, signal);
        continue;
      }
      let broker: KafkajsBroker;
      try {
        broker = await cluster.findBroker({ nodeId: leader });
      } catch {
        // The leader is not reachable or not known yet: new metadata, then again (no attempt used).
        await this.#options.refreshMetadata(batch.topic);
        await pause(settings.retryBackoffMs, signal);
        continue;
      }
      if (!identity && this.#identity && ProducerIdentity.supportedBy(broker)) {
        try {
          identity = await this.#identity.assign(broker, topicPartition);
        } catch {
          // No producer id yet (the broker is going away, or not ready): Java's TransactionManager retries
          // InitProducerId before any batch is sent (no attempt used).
          await this.#options.refreshMetadata(batch.topic);
          await pause(settings.retryBackoffMs, signal);
          continue;
        }
      }
      let failure: ProduceFailure;
      let correlationId: number | undefined;
      try {
        await broker.produce({
          acks: settings.acks,
          timeout: settings.requestTimeoutMs,
          compression: codec,
          // Without idempotence Java writes NO_PRODUCER_ID, NO_PRODUCER_EPOCH and NO_SEQUENCE (-1 each); kafkajs'
          // own defaults would be -1, 0 and 0.
          producerId: identity?.producerId ?? '-1',
          producerEpoch: identity?.producerEpoch ?? -1,
          topicData: [{ topic: batch.topic, partitions: [{ partition: batch.partition, firstSequence: identity?.firstSequence ?? -1, messages: batch.records.map(toKafkajs) }] }],
        });
        if (identity) this.#identity?.written(identity, topicPartition, batch.records.length);
        return this.#complete(batch, null);
      } catch (error) {
        const code = kafkajsErrorCode(error);
        if (code !== undefined) {
          const seen = this.#options.traffic.lastError(topicPartition);
          failure = produceFailureForCode(seen?.code ?? code, seen?.errorMessage ?? null);
          correlationId = seen?.correlationId;
        } else {
          // No answer (connection lost, request timed out): Java's NETWORK_EXCEPTION. The next try
          // starts from a new connection (kafkajs may keep a half-open one it cannot use).
          failure = disconnectedFrom(leader);
          correlationId = this.#options.traffic.lastRequest(leader);
          await broker.disconnect().catch(() => undefined);
        }
      }
      const retrying = failure.retriable && attempts < settings.retries && env.now() - batch.createdAt < settings.deliveryTimeoutMs;
      if (retrying) {
        const left = settings.retries - attempts - 1;
        const suffix = failure.errorMessage ? `. Error Message: ${failure.errorMessage}` : '';
        this.#options.warn(
          `Got error produce response with correlation id ${correlationId ?? -1} on topic-partition ${topicPartition}, retrying (${left} attempts left). Error: ${failure.error}${suffix}`,
          SENDER,
        );
        attempts++;
      } else {
        if (identity) this.#identity?.failed(identity);
        this.#complete(batch, failure);
      }
      if (failure.invalidMetadata) {
        if (failure.error === 'UNKNOWN_TOPIC_OR_PARTITION') {
          this.#options.warn(
            `Received unknown topic or partition error in produce request on partition ${topicPartition}. The topic-partition may not exist or the user may not have Describe access to it`,
            SENDER,
          );
        } else {
          this.#options.warn(`Received invalid metadata error in produce request on partition ${topicPartition} due to ${String(failure.exception)} Going to request metadata update now`, SENDER);
        }
        await this.#options.refreshMetadata(batch.topic);
      }
      if (!retrying) return;
      await pause(settings.retryBackoffMs, signal);
    }
  }

  #leaderOf(batch: ProducerBatch): number | undefined {
    const partition = this.#options.partitions(batch.topic).find((p) => p.partitionId === batch.partition);
    return partition && partition.leader >= 0 ? partition.leader : undefined;
  }

  #complete(batch: ProducerBatch, failure: ProduceFailure | null): void {
    for (const record of batch.records) record.done(failure ? { exception: failure.exception, origin: 'batch' } : null);
  }

  #completeWith(batch: ProducerBatch, exception: ReturnType<typeof kafkaException>): void {
    for (const record of batch.records) record.done({ exception, origin: 'batch' });
  }
}

function toKafkajs(record: ProducerBatch['records'][number]): KafkajsProducedRecord {
  const headers: Record<string, Buffer | Buffer[]> = {};
  for (const [key, value] of record.headers) {
    const bytes = value === null ? (null as unknown as Buffer) : Buffer.from(value);
    const previous = headers[key];
    headers[key] = previous === undefined ? bytes : [...(Array.isArray(previous) ? previous : [previous]), bytes];
  }
  return {
    key: record.key === null ? null : Buffer.from(record.key),
    value: record.value === null ? null : Buffer.from(record.value),
    timestamp: record.timestamp,
    headers,
  };
}
