/**
 * The console producer's `KafkaProducer`: `send()` blocks (up to `max.block.ms`) until the topic's
 * partitions are known — a Metadata request that may auto-create the topic, retried
 * `retry.backoff.ms` apart, with NetworkClient's WARN lines for unreachable brokers and topic errors —
 * then picks the partition and appends the record to its batch; the Sender delivers batches and
 * completes each record. `close()` sends what waits and returns once every record has completed.
 */
import type { CommandContext } from '../../command.ts';
import { API_KEYS, decodeResponseFrame } from '../../../cluster/kafka/protocol/index.ts';
import { closeThenKill } from '../kafka/client-shutdown.ts';
import { createConsoleClient } from '../kafka/console-client.ts';
import type { ConsoleClient, PartitionLeader } from '../kafka/console-client.ts';
import { pause } from '../kafka/deadline.ts';
import { kafkaException } from '../kafka/java-exception.ts';
import { kafkajsClientCluster } from '../kafka/kafkajs-client-cluster.ts';
import type { KafkajsCluster } from '../kafka/kafkajs-client-cluster.ts';
import { log4jLine } from '../kafka/log4j.ts';
import { bootstrapList } from '../kafka/bootstrap-addresses.ts';
import { TopicMetadataRequests } from '../kafka/topic-metadata-request.ts';
import { BuiltInPartitioner } from './built-in-partitioner.ts';
import type { ProducerSettings } from './producer-config.ts';
import { RecordAccumulator, estimateRecordSize } from './record-accumulator.ts';
import type { SendFailure } from './send-failure.ts';
import { Sender } from './sender.ts';
import type { ProduceTraffic } from './sender.ts';

export interface OutgoingRecord {
  topic: string;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Array<[string, Uint8Array | null]>;
}

const RECONNECT_BACKOFF_MAX_MS = 1000;

export class ConsoleKafkaProducer {
  readonly #context: CommandContext;
  readonly #settings: ProducerSettings;
  readonly #cluster: KafkajsCluster;
  readonly #client: ConsoleClient;
  readonly #metadata: TopicMetadataRequests;
  readonly #stop = new AbortController();
  readonly #accumulator: RecordAccumulator;
  readonly #sender: Sender;
  readonly #partitioners = new Map<string, BuiltInPartitioner>();
  /** A batch was handed to the Sender since `send` last let the event loop run. */
  #batchReady = false;

  constructor(context: CommandContext, settings: ProducerSettings) {
    this.#context = context;
    this.#settings = settings;
    const logContext = `[Producer clientId=${settings.clientId}] `;
    const traffic = new ProduceTrafficLog();
    const client = createConsoleClient(context, {
      bootstrapServers: bootstrapList(settings.bootstrapServers),
      clientId: settings.clientId,
      logContext,
      requestTimeoutMs: settings.requestTimeoutMs + 1_000,
      // Each attempt fails fast; this class and the Sender retry as the Java producer does.
      retries: 0,
      traffic: { apiKeys: [API_KEYS.Produce], onRequest: (request) => traffic.onRequest(request, client.brokers), onResponse: (response) => traffic.onResponse(response) },
    });
    this.#client = client;
    this.#cluster = kafkajsClientCluster(client.kafka, { allowAutoTopicCreation: true, metadataMaxAge: settings.metadataMaxAgeMs });
    this.#metadata = new TopicMetadataRequests(this.#cluster);
    this.#sender = new Sender({
      cluster: this.#cluster,
      partitions: (topic) => client.partitions(topic),
      refreshMetadata: async (topic) => void (await this.#metadata.request([topic])),
      settings,
      env: context.env,
      signal: this.#stop.signal,
      traffic,
      warn: (message, logger) => void context.stderr.write(log4jLine(context.env, 'WARN', `${logContext}${message}`, logger)),
    });
    this.#accumulator = new RecordAccumulator({
      batchSize: settings.batchSize,
      lingerMs: settings.lingerMs,
      now: () => context.env.now(),
      onReady: (batch) => {
        this.#batchReady = true;
        this.#sender.send(batch);
      },
    });
  }

  /**
   * `send(record, callback)`: resolves once the record is in a batch (or failed to get there), which
   * is when the Java call returns; `done` is called later with the record's outcome.
   */
  async send(record: OutgoingRecord, done: (failure: SendFailure | null) => void): Promise<void> {
    let partitions: PartitionLeader[];
    try {
      partitions = await this.#waitOnMetadata(record.topic);
    } catch (error) {
      if (this.#stop.signal.aborted) return;
      done({ exception: error as ReturnType<typeof kafkaException>, origin: 'send' });
      return;
    }
    const sizeInBytes = estimateRecordSize(record.key, record.value, record.headers);
    let partitioner = this.#partitioners.get(record.topic);
    if (!partitioner) this.#partitioners.set(record.topic, (partitioner = new BuiltInPartitioner(this.#settings.batchSize)));
    const partition = partitioner.partition(record.key, sizeInBytes, partitions);
    this.#accumulator.append(record.topic, partition, {
      key: record.key,
      value: record.value,
      headers: record.headers,
      timestamp: this.#context.env.now(),
      sizeInBytes,
      done,
    });
    if (this.#batchReady) {
      // Piped input is read as fast as it resolves: let the Sender's requests (and, in the same
      // process, the brokers) run before the next line, as the Java producer's I/O thread would.
      this.#batchReady = false;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  /** Sends every waiting record and resolves once all have completed (`flush()` then `close()`). */
  async close(): Promise<void> {
    this.#accumulator.flush();
    await this.#sender.idle();
    this.#client.silence();
    await closeThenKill(this.#cluster.disconnect(), this.#client);
  }

  /**
   * Ctrl-C: the JVM exits without a shutdown hook, so records still waiting are lost, and its sockets
   * close with it: the client is killed at once (kafkajs then tidies up what it holds, briefly).
   */
  async abort(): Promise<void> {
    this.#stop.abort();
    this.#accumulator.discard();
    this.#client.kill();
    await closeThenKill(this.#cluster.disconnect(), this.#client);
  }

  /** `KafkaProducer.waitOnMetadata`: the topic's partitions, or TimeoutException after `max.block.ms`. */
  async #waitOnMetadata(topic: string): Promise<PartitionLeader[]> {
    const known = this.#partitionsOf(topic);
    if (known.length > 0) return known;
    const { env } = this.#context;
    const { maxBlockMs, retryBackoffMs } = this.#settings;
    const deadline = env.now() + maxBlockMs;
    const signal = AbortSignal.any([this.#stop.signal, this.#context.signal]);
    let failures = 0;
    while (!signal.aborted) {
      const answered = await this.#metadata.request([topic]);
      const partitions = this.#partitionsOf(topic);
      if (partitions.length > 0) return partitions;
      const left = deadline - env.now();
      if (left <= 0) break;
      // Java's reconnect backoff (50 ms doubling to 1 s) while no broker answers, else retry.backoff.ms.
      const backoff = answered ? retryBackoffMs : Math.min(RECONNECT_BACKOFF_MAX_MS, 50 * 2 ** failures++);
      await pause(Math.min(backoff, left), signal);
    }
    throw kafkaException('TimeoutException', `Topic ${topic} not present in metadata after ${maxBlockMs} ms.`);
  }

  #partitionsOf(topic: string): PartitionLeader[] {
    return this.#client.partitions(topic);
  }
}

/** Produce traffic as the tap saw it, for the Sender's WARN lines. */
class ProduceTrafficLog implements ProduceTraffic {
  readonly #errors = new Map<string, { correlationId: number; code: number; errorMessage: string | null }>();
  readonly #requests = new Map<number, number>();

  onRequest(request: { correlationId: number; address: string }, brokers: ReadonlyMap<number, string>): void {
    for (const [nodeId, address] of brokers) if (address === request.address) this.#requests.set(nodeId, request.correlationId);
  }

  onResponse(response: { apiVersion: number; correlationId: number; payload: Uint8Array }): void {
    let body;
    try {
      body = decodeResponseFrame(API_KEYS.Produce, response.apiVersion, response.payload).body;
    } catch {
      return;
    }
    for (const topic of body.responses) {
      for (const partition of topic.partitionResponses) {
        if (partition.errorCode === 0) continue;
        this.#errors.set(`${topic.name}-${partition.index}`, {
          correlationId: response.correlationId,
          code: partition.errorCode,
          errorMessage: null,
        });
      }
    }
  }

  lastError(topicPartition: string) {
    const error = this.#errors.get(topicPartition);
    this.#errors.delete(topicPartition);
    return error;
  }

  lastRequest(nodeId: number): number | undefined {
    return this.#requests.get(nodeId);
  }
}
