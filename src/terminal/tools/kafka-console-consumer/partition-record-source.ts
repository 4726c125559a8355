/**
 * Records of one partition (`--partition`, with `--offset`): Java's `assign()` + `seek()`. No group
 * membership and no commits: Fetch requests straight to the partition's leader, from the given
 * offset or from the one ListOffsets gives for `earliest`/`latest`. An offset out of range starts
 * over at `auto.offset.reset`. A lost leader or broker means new metadata and another try, as long
 * as it takes. Records are handed over one at a time (`RecordHandoff`); the next Fetch is sent once
 * the last record of the previous answer was taken.
 */
import type { CommandContext } from '../../command.ts';
import { closeThenKill } from '../kafka/client-shutdown.ts';
import { createConsoleClient } from '../kafka/console-client.ts';
import type { ConsoleClient } from '../kafka/console-client.ts';
import { pause } from '../kafka/deadline.ts';
import { kafkaException } from '../kafka/java-exception.ts';
import { kafkajsClientCluster } from '../kafka/kafkajs-client-cluster.ts';
import type { KafkajsBroker, KafkajsCluster } from '../kafka/kafkajs-client-cluster.ts';
import { bootstrapList } from '../kafka/bootstrap-addresses.ts';
import { TopicMetadataRequests } from '../kafka/topic-metadata-request.ts';
import type { ConsumerSettings } from './consumer-config.ts';
import type { ConsumedRecord } from './default-message-formatter.ts';
import { consumedRecord } from './kafkajs-record.ts';
import { RecordHandoff } from './record-handoff.ts';
import type { RecordSource } from './record-source.ts';

/** ListOffsets timestamps. */
const EARLIEST = -2;
const LATEST = -1;
const REFRESH_METADATA = new Set(['NOT_LEADER_FOR_PARTITION', 'NOT_LEADER_OR_FOLLOWER', 'UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'FENCED_LEADER_EPOCH', 'KAFKA_STORAGE_ERROR']);

export class PartitionRecordSource implements RecordSource {
  readonly #handoff = new RecordHandoff();
  readonly #settings: ConsumerSettings;
  readonly #client: ConsoleClient;
  readonly #cluster: KafkajsCluster;
  readonly #metadata: TopicMetadataRequests;
  readonly #stop = new AbortController();
  readonly #topic: string;
  readonly #partition: number;
  #loop: Promise<void> = Promise.resolve();

  constructor(context: CommandContext, settings: ConsumerSettings, topic: string, partition: number) {
    this.#settings = settings;
    this.#topic = topic;
    this.#partition = partition;
    this.#client = createConsoleClient(context, {
      bootstrapServers: bootstrapList(settings.bootstrapServers),
      clientId: settings.clientId,
      logContext: `[Consumer clientId=${settings.clientId}, groupId=${settings.groupId}] `,
      requestTimeoutMs: settings.requestTimeoutMs,
      retries: 0,
    });
    this.#cluster = kafkajsClientCluster(this.#client.kafka, {
      allowAutoTopicCreation: settings.allowAutoCreateTopics,
      metadataMaxAge: settings.metadataMaxAgeMs,
      isolationLevel: this.#isolationLevel(),
    });
    this.#metadata = new TopicMetadataRequests(this.#cluster);
  }

  /** Starts fetching from `offset` (`earliest`, `latest` or a number). */
  seek(offset: 'earliest' | 'latest' | string): void {
    this.#loop = this.#fetchLoop(offset);
  }

  receive(timeoutMs: number, signal: AbortSignal): Promise<ConsumedRecord> {
    return this.#handoff.take(timeoutMs, signal);
  }

  /** Stops fetching and disconnects, for as long as `closeThenKill` allows (a Fetch may be in flight); then kills the client. */
  async close(): Promise<void> {
    this.#stop.abort();
    this.#handoff.close();
    this.#client.silence();
    await closeThenKill(this.#loop.then(() => this.#cluster.disconnect()), this.#client);
  }

  async #fetchLoop(offset: 'earliest' | 'latest' | string): Promise<void> {
    const signal = this.#stop.signal;
    let position: bigint | undefined = offset === 'earliest' || offset === 'latest' ? undefined : BigInt(offset);
    let resetTo = offset === 'earliest' ? EARLIEST : LATEST;
    let failures = 0;
    while (!signal.aborted) {
      const leader = this.#leader();
      if (leader === undefined) {
        const answered = await this.#metadata.request([this.#topic]);
        if (this.#leader() === undefined) await pause(answered ? this.#settings.retryBackoffMs : Math.min(1000, 50 * 2 ** failures++), signal);
        continue;
      }
      let broker: KafkajsBroker | undefined;
      try {
        broker = await this.#cluster.findBroker({ nodeId: leader });
        position ??= await this.#listOffset(broker, resetTo);
        const fetchOffset: bigint = position;
        const response = await broker.fetch({
          replicaId: -1,
          isolationLevel: this.#isolationLevel(),
          maxWaitTime: this.#settings.fetchMaxWaitMs,
          minBytes: this.#settings.fetchMinBytes,
          maxBytes: this.#settings.fetchMaxBytes,
          topics: [{ topic: this.#topic, partitions: [{ partition: this.#partition, fetchOffset: fetchOffset.toString(), maxBytes: this.#settings.maxPartitionFetchBytes }] }],
        });
        failures = 0;
        const messages = response.responses[0]?.partitions[0]?.messages ?? [];
        for (const message of messages) {
          const messageOffset = BigInt(message.offset);
          if (messageOffset < fetchOffset) continue;
          if (!message.isControlRecord && !(await this.#handoff.offer(consumedRecord(this.#topic, this.#partition, message)))) return;
          position = messageOffset + 1n;
        }
      } catch (error) {
        const type = protocolErrorType(error);
        if (type === 'OFFSET_OUT_OF_RANGE') {
          if (this.#settings.autoOffsetReset === 'none') {
            this.#handoff.fail(kafkaException('OffsetOutOfRangeException', `Fetch position FetchPosition{offset=${position}} is out of range for partition ${this.#topic}-${this.#partition}`));
            return;
          }
          resetTo = this.#settings.autoOffsetReset === 'earliest' ? EARLIEST : LATEST;
          position = undefined;
        } else if (type !== undefined && REFRESH_METADATA.has(type)) {
          await this.#metadata.request([this.#topic]);
          await pause(this.#settings.retryBackoffMs, signal);
        } else {
          // A broker that went away: NetworkClient's WARN says so; look again after the reconnect backoff,
          // on a new connection (kafkajs may keep a half-open one it cannot use).
          await broker?.disconnect().catch(() => undefined);
          await this.#metadata.request([this.#topic]);
          await pause(Math.min(1000, 50 * 2 ** failures++), signal);
        }
      }
    }
  }

  #leader(): number | undefined {
    const leader = this.#client.partitions(this.#topic).find((p) => p.partitionId === this.#partition)?.leader;
    return leader !== undefined && leader >= 0 ? leader : undefined;
  }

  async #listOffset(broker: KafkajsBroker, timestamp: number): Promise<bigint> {
    const answer = await broker.listOffsets({
      isolationLevel: this.#isolationLevel(),
      topics: [{ topic: this.#topic, partitions: [{ partition: this.#partition, timestamp }] }],
    });
    return BigInt(answer.responses[0].partitions[0].offset);
  }

  #isolationLevel(): number {
    return this.#settings.isolationLevel === 'read_committed' ? 1 : 0;
  }
}

function protocolErrorType(error: unknown): string | undefined {
  for (let current = error as { name?: unknown; type?: unknown; cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (current.name === 'KafkaJSProtocolError' && typeof current.type === 'string') return current.type;
    if (current.cause === current) break;
  }
  return undefined;
}
