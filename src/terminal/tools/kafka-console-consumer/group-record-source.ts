/**
 * Records of a subscription (`--topic` or `--include`), through a kafkajs consumer in the group:
 * Java's `subscribe()`. Joins with the `range` assignor, starts where the group committed or at
 * `auto.offset.reset`, and hands records over one at a time (`RecordHandoff`), heartbeating while
 * the loop is busy. An offset is resolved once its record was taken, so the commits (auto commit,
 * and the last one at close) cover exactly the records the tool consumed, as `resetUnconsumedOffsets`
 * makes sure in Java. Without a reachable broker it keeps trying, as the Java consumer does.
 */
import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { CommandContext } from '../../command.ts';
import { closeThenKill } from '../kafka/client-shutdown.ts';
import { createConsoleClient } from '../kafka/console-client.ts';
import type { ConsoleClient } from '../kafka/console-client.ts';
import { pause } from '../kafka/deadline.ts';
import { JavaException, kafkaException } from '../kafka/java-exception.ts';
import { kafkajsClientCluster } from '../kafka/kafkajs-client-cluster.ts';
import { bootstrapList } from '../kafka/bootstrap-addresses.ts';
import type { ConsumerSettings } from './consumer-config.ts';
import type { ConsumedRecord } from './default-message-formatter.ts';
import { consumedRecord } from './kafkajs-record.ts';
import { rangeAssignor } from './range-assignor.ts';
import { RecordHandoff } from './record-handoff.ts';
import type { RecordSource } from './record-source.ts';

export class GroupRecordSource implements RecordSource {
  readonly #handoff = new RecordHandoff();
  readonly #consumer: Consumer;
  readonly #client: ConsoleClient;
  readonly #settings: ConsumerSettings;
  readonly #stop = new AbortController();
  #started: Promise<void> = Promise.resolve();

  constructor(context: CommandContext, settings: ConsumerSettings) {
    this.#settings = settings;
    const client = (this.#client = createConsoleClient(context, {
      bootstrapServers: bootstrapList(settings.bootstrapServers),
      clientId: settings.clientId,
      logContext: `[Consumer clientId=${settings.clientId}, groupId=${settings.groupId}] `,
      requestTimeoutMs: settings.requestTimeoutMs,
      retries: 5,
    }));
    this.#consumer = client.kafka.consumer({
      groupId: settings.groupId,
      partitionAssigners: [rangeAssignor],
      sessionTimeout: settings.sessionTimeoutMs,
      rebalanceTimeout: settings.maxPollIntervalMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      maxBytesPerPartition: settings.maxPartitionFetchBytes,
      maxBytes: settings.fetchMaxBytes,
      minBytes: settings.fetchMinBytes,
      maxWaitTimeInMs: settings.fetchMaxWaitMs,
      readUncommitted: settings.isolationLevel === 'read_uncommitted',
      allowAutoTopicCreation: settings.allowAutoCreateTopics,
      metadataMaxAge: settings.metadataMaxAgeMs,
      // kafkajs restarts a crashed consumer after a while (a coordinator that moved, as Java retries
      // forever); once the tool closes it, a restart would rejoin the group behind the tool's back.
      retry: { restartOnFailure: async () => !this.#stop.signal.aborted },
    });
    this.#consumer.on(this.#consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.#stop.signal.aborted) this.#handoff.fail(new JavaException('org.apache.kafka.common.KafkaException', payload.error.message));
    });
  }

  /** Subscribes to `topics` and starts fetching in the background (until it works or the source closes). */
  subscribe(topics: readonly string[]): void {
    this.#started = this.#run(topics);
  }

  /**
   * Subscribes to the topics whose whole name `pattern` matches (Java's `subscribe(Pattern)`; internal
   * topics left out), found in a Metadata answer for every topic. Until one matches, it looks again
   * every `metadata.max.age.ms`, as the Java consumer refreshes its metadata; `onTopics` hears the match.
   */
  subscribePattern(pattern: RegExp, onTopics: (topics: string[]) => void): void {
    this.#started = (async () => {
      const signal = this.#stop.signal;
      while (!signal.aborted) {
        const cluster = kafkajsClientCluster(this.#client.kafka, { allowAutoTopicCreation: false, metadataMaxAge: this.#settings.metadataMaxAgeMs });
        let topics: string[] = [];
        try {
          await cluster.connect();
          await cluster.metadata().catch(() => undefined);
          topics = this.#client
            .latestTopics()
            .filter((topic) => !(topic.isInternal && this.#settings.excludeInternalTopics) && pattern.test(topic.name))
            .map((topic) => topic.name);
        } catch {
          // No broker answered: NetworkClient's WARN lines said so.
        } finally {
          await cluster.disconnect().catch(() => undefined);
        }
        if (topics.length > 0) {
          onTopics(topics);
          return this.#run(topics);
        }
        await pause(this.#client.brokers.size > 0 ? this.#settings.metadataMaxAgeMs : 1000, signal);
      }
    })();
  }

  receive(timeoutMs: number, signal: AbortSignal): Promise<ConsumedRecord> {
    return this.#handoff.take(timeoutMs, signal);
  }

  /**
   * Java's `close()`: commits what was consumed (with auto commit), leaves the group, for as long as
   * `closeThenKill` allows; then the client is killed, whatever kafkajs is still doing (a JoinGroup
   * parked at a new coordinator, retries against a dead one), so it can neither linger nor rejoin.
   */
  async close(): Promise<void> {
    this.#stop.abort();
    this.#handoff.close();
    this.#client.silence();
    void this.#started.catch(() => undefined);
    await closeThenKill(this.#consumer.disconnect(), this.#client);
  }

  async #run(topics: readonly string[]): Promise<void> {
    const signal = this.#stop.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        await this.#consumer.connect();
        if (signal.aborted) break;
        await this.#consumer.subscribe({ topics: [...topics], fromBeginning: this.#settings.autoOffsetReset === 'earliest' });
        if (signal.aborted) break;
        await this.#consumer.run({
          autoCommit: this.#settings.enableAutoCommit,
          autoCommitInterval: this.#settings.autoCommitIntervalMs,
          eachBatchAutoResolve: false,
          eachBatch: (payload) => this.#eachBatch(payload),
        });
        if (!signal.aborted) return;
        break;
      } catch (error) {
        const invalid = invalidTopics(error, topics);
        if (invalid) {
          this.#handoff.fail(invalid);
          return;
        }
        await this.#consumer.disconnect().catch(() => undefined);
        await pause(Math.min(1000, 50 * 2 ** failures++), signal);
      }
    }
    // Closed while connecting: the close's own disconnect may have come first.
    await this.#consumer.disconnect().catch(() => undefined);
  }

  /** Offers one record; true once the loop took it. Heartbeats while it waits (the loop may wait on a paused screen). */
  async #handedOver(record: ConsumedRecord, heartbeat: () => Promise<void>): Promise<boolean> {
    const offered = this.#handoff.offer(record);
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const beat = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, this.#settings.heartbeatIntervalMs, undefined)));
      const taken = await Promise.race([offered, beat]);
      clearTimeout(timer);
      if (taken !== undefined) return taken;
      if (this.#stop.signal.aborted) return false;
      await heartbeat().catch(() => undefined);
    }
  }

  async #eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || this.#handoff.closed) return;
      const taken = await this.#handedOver(consumedRecord(batch.topic, batch.partition, message), heartbeat);
      if (!taken) return;
      resolveOffset(message.offset);
    }
  }
}

/** Offers one record and waits until the loop takes it, heartbeating meanwhile (the loop may wait on a paused screen). */
/** A subscription to invalid topic names fails `poll` with InvalidTopicException. */
function invalidTopics(error: unknown, topics: readonly string[]) {
  for (let current = error as { type?: unknown; cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (current.type === 'INVALID_TOPIC_EXCEPTION') return kafkaException('InvalidTopicException', `Invalid topics: [${topics.join(', ')}]`);
    if (current.cause === current) break;
  }
  return undefined;
}
