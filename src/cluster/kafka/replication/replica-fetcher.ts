/**
 * Fetches, as a follower, every partition this broker follows from one leader (Kafka's
 * `ReplicaFetcherThread`): real Fetch v11 requests carrying `replica_id` over the transport, to the leader's
 * inter-broker listener.
 *
 * A partition joins in the `truncating` state: first an OffsetForLeaderEpoch request asks the leader
 * where this replica's latest epoch ends, and the local log drops whatever lies beyond (the
 * unacknowledged tail a returning replica may carry, KIP-101/279); then it fetches from its log end.
 */
import { decodeFetchResponse, encodeFetchRequest, KAFKA_ERRORS } from '../protocol/index.ts';
import type { FetchResponse } from '../protocol/index.ts';
import { splitBatches } from '../log/partition-log.ts';
import { endpointOn } from '../broker/listener-endpoint.ts';
import { BrokerChannel } from '../network/broker-channel.ts';
import {
  decodeOffsetForLeaderEpochResponse,
  encodeOffsetForLeaderEpochRequest,
  OFFSET_FOR_LEADER_EPOCH,
} from '../network/inter-broker-messages.ts';
import { fetchLeaderLogStartOffset } from './leader-log-start.ts';
import type { Partition } from './partition.ts';
import type { ReplicaManager } from './replica-manager.ts';
import { partitionKey } from './replica-manager.ts';

const FETCH = { apiKey: 1, version: 11 } as const;

interface Followed {
  partition: Partition;
  state: 'truncating' | 'fetching';
  /** No fetching before this time (after an error for this partition). */
  delayUntil: number;
}

export class ReplicaFetcher {
  readonly #manager: ReplicaManager;
  readonly #leaderId: number;
  readonly #followed = new Map<string, Followed>();
  #channel: BrokerChannel | undefined;
  #channelEndpoint = '';
  /** Whether the leader's missing inter-broker listener was logged already (once per fetcher). */
  #warnedNoListener = false;
  #running = false;
  #wake: (() => void) | undefined;

  constructor(manager: ReplicaManager, leaderId: number) {
    this.#manager = manager;
    this.#leaderId = leaderId;
  }

  get size(): number {
    return this.#followed.size;
  }

  add(partition: Partition): void {
    this.#followed.set(partitionKey(partition.topic, partition.partition), { partition, state: 'truncating', delayUntil: 0 });
    this.wake();
  }

  remove(partition: Partition): void {
    this.#followed.delete(partitionKey(partition.topic, partition.partition));
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#loop();
  }

  stop(): void {
    this.#running = false;
    this.#channel?.close();
    this.#channel = undefined;
    this.wake();
  }

  /** Ends a back-off early (new partitions, new broker endpoints). */
  wake(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async #loop(): Promise<void> {
    const log = this.#manager.log;
    while (this.#running) {
      try {
        const channel = await this.#connect();
        if (!channel) {
          await this.#sleep(this.#manager.config.replicaFetchBackoffMs);
          continue;
        }
        await this.#truncate(channel);
        const fetched = await this.#fetch(channel);
        if (!fetched) await this.#sleep(this.#manager.config.replicaFetchBackoffMs);
      } catch (error) {
        if (!this.#running) return;
        log.debug('replica fetch failed', { leader: this.#leaderId, error: String(error) });
        this.#channel?.close();
        this.#channel = undefined;
        await this.#sleep(this.#manager.config.replicaFetchBackoffMs);
      }
    }
  }

  async #connect(): Promise<BrokerChannel | undefined> {
    // Kafka's fetchers dial the leader's inter-broker listener (`getAliveBrokerNode(id, interBrokerListenerName)`).
    const leader = this.#manager.cache.broker(this.#leaderId);
    const endpoint = leader && endpointOn(leader, this.#manager.interBrokerListenerName);
    if (!endpoint) {
      if (leader) this.#warnNoListener(leader.id);
      return undefined;
    }
    const address = `${endpoint.host}:${endpoint.port}`;
    if (this.#channel && !this.#channel.closed && this.#channelEndpoint === address) return this.#channel;
    this.#channel?.close();
    this.#channel = await BrokerChannel.open(this.#manager.transport, endpoint.host, endpoint.port, `broker-${this.#manager.brokerId}-fetcher`);
    this.#channelEndpoint = address;
    if (!this.#running) {
      this.#channel.close();
      return undefined;
    }
    return this.#channel;
  }

  /** Kafka's BrokerEndPointNotAvailableException: logged once; the fetcher retries as the registration may change. */
  #warnNoListener(leaderId: number): void {
    if (this.#warnedNoListener) return;
    this.#warnedNoListener = true;
    this.#manager.log.warn('leader has no inter-broker listener: cannot replicate from it', { leader: leaderId, listener: this.#manager.interBrokerListenerName });
  }

  /** OffsetForLeaderEpoch for partitions that just started following; truncates their divergent tail. */
  async #truncate(channel: BrokerChannel): Promise<void> {
    const pending = [...this.#followed.values()].filter((f) => f.state === 'truncating' && f.delayUntil <= Date.now());
    if (pending.length === 0) return;
    const noEpoch = pending.filter((f) => f.partition.log.latestEpoch < 0);
    for (const followed of noEpoch) {
      // Nothing with an epoch: keep what is below the high watermark (Kafka's pre-KIP-101 rule).
      followed.partition.truncateTo(followed.partition.highWatermark);
      followed.state = 'fetching';
    }
    const asking = pending.filter((f) => f.partition.log.latestEpoch >= 0);
    if (asking.length === 0) return;
    const byTopic = groupByTopic(asking);
    const reader = await channel.request(
      OFFSET_FOR_LEADER_EPOCH.apiKey,
      OFFSET_FOR_LEADER_EPOCH.version,
      (writer) =>
        encodeOffsetForLeaderEpochRequest(writer, {
          replicaId: this.#manager.brokerId,
          topics: [...byTopic].map(([topic, list]) => ({
            topic,
            partitions: list.map((f) => ({
              partition: f.partition.partition,
              currentLeaderEpoch: f.partition.leaderEpoch,
              leaderEpoch: f.partition.log.latestEpoch,
            })),
          })),
        }),
      10_000,
    );
    const response = decodeOffsetForLeaderEpochResponse(reader);
    for (const topic of response.topics) {
      for (const answer of topic.partitions) {
        const followed = this.#followed.get(partitionKey(topic.topic, answer.partition));
        if (!followed || followed.state !== 'truncating') continue;
        const partition = followed.partition;
        if (answer.errorCode !== 0) {
          followed.delayUntil = Date.now() + this.#manager.config.replicaFetchBackoffMs;
          continue;
        }
        let target: bigint;
        if (answer.leaderEpoch < 0 || answer.endOffset < 0n) {
          target = partition.highWatermark;
        } else {
          // KIP-279: if the leader's answer is for an older epoch, our own end of that epoch bounds it too.
          const ours = answer.leaderEpoch === partition.log.latestEpoch ? partition.logEndOffset : partition.log.endOffsetForEpoch(answer.leaderEpoch).endOffset;
          target = answer.endOffset < ours ? answer.endOffset : ours;
        }
        if (target < partition.logEndOffset) {
          this.#manager.log.info('truncating divergent log tail', {
            topic: partition.topic,
            partition: partition.partition,
            from: String(partition.logEndOffset),
            to: String(target),
          });
          partition.truncateTo(target);
        }
        followed.state = 'fetching';
      }
    }
  }

  /** One Fetch round; false when there was nothing to fetch. */
  async #fetch(channel: BrokerChannel): Promise<boolean> {
    const now = Date.now();
    const fetching = [...this.#followed.values()].filter((f) => f.state === 'fetching' && f.delayUntil <= now);
    if (fetching.length === 0) return false;
    const config = this.#manager.config;
    const byTopic = groupByTopic(fetching);
    const reader = await channel.request(
      FETCH.apiKey,
      FETCH.version,
      (writer) =>
        encodeFetchRequest(
          writer,
          {
            replicaId: this.#manager.brokerId,
            maxWaitMs: config.replicaFetchWaitMaxMs,
            minBytes: 1,
            maxBytes: 10 * config.replicaFetchMaxBytes,
            isolationLevel: 0,
            sessionId: 0,
            sessionEpoch: -1,
            topics: [...byTopic].map(([topic, list]) => ({
              topic,
              partitions: list.map((f) => ({
                partition: f.partition.partition,
                currentLeaderEpoch: f.partition.leaderEpoch,
                fetchOffset: f.partition.logEndOffset,
                logStartOffset: f.partition.log.logStartOffset,
                partitionMaxBytes: config.replicaFetchMaxBytes,
              })),
            })),
            forgottenTopicsData: [],
            rackId: '',
          },
          FETCH.version,
        ),
      config.replicaFetchWaitMaxMs + 10_000,
    );
    const response: FetchResponse = decodeFetchResponse(reader, FETCH.version);
    for (const topic of response.responses) {
      for (const data of topic.partitions) {
        const key = partitionKey(topic.topic, data.partitionIndex);
        const followed = this.#followed.get(key);
        if (!followed) continue;
        await this.#handlePartition(channel, followed, data);
      }
    }
    return true;
  }

  async #handlePartition(channel: BrokerChannel, followed: Followed, data: FetchResponse['responses'][number]['partitions'][number]): Promise<void> {
    const partition = followed.partition;
    const backoff = () => {
      followed.delayUntil = Date.now() + this.#manager.config.replicaFetchBackoffMs;
    };
    switch (data.errorCode) {
      case KAFKA_ERRORS.NONE.code: {
        // One copy of this partition's records (out of the response frame), shared by the batches the log keeps.
        const batches = data.records && data.records.length > 0 ? splitBatches(data.records.slice()) : [];
        try {
          partition.appendFromLeader(batches, data.highWatermark, data.logStartOffset ?? -1n);
        } catch (error) {
          this.#manager.log.warn('follower append failed; re-truncating', { topic: partition.topic, partition: partition.partition, error: String(error) });
          followed.state = 'truncating';
        }
        return;
      }
      case KAFKA_ERRORS.OFFSET_OUT_OF_RANGE.code: {
        // Kafka answers OFFSET_OUT_OF_RANGE with log_start_offset -1: the follower asks the leader (ListOffsets).
        const known = data.logStartOffset ?? -1n;
        const leaderStart = known >= 0n ? known : await fetchLeaderLogStartOffset(channel, this.#manager.brokerId, partition.topic, partition.partition);
        // The replica may have been deleted or moved to another fetcher while we asked: leave its log alone.
        if (this.#followed.get(partitionKey(partition.topic, partition.partition)) !== followed) return;
        if (partition.logEndOffset < leaderStart) {
          partition.resetTo(leaderStart);
        } else {
          followed.state = 'truncating';
        }
        backoff();
        return;
      }
      default:
        // FENCED/UNKNOWN_LEADER_EPOCH, NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION: the metadata will
        // catch up (a new state znode moves this partition to another fetcher).
        backoff();
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        resolve();
      }, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** Followed partitions grouped by topic, the shape Fetch and OffsetForLeaderEpoch requests take. */
function groupByTopic(followed: Followed[]): Map<string, Followed[]> {
  const byTopic = new Map<string, Followed[]>();
  for (const entry of followed) {
    const list = byTopic.get(entry.partition.topic) ?? [];
    list.push(entry);
    byTopic.set(entry.partition.topic, list);
  }
  return byTopic;
}
