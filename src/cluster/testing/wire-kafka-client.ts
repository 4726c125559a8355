/**
 * A tiny Kafka client on our own codecs, for tests that run a cluster over a transport kafkajs cannot
 * use (`MemoryTransport`): CreateTopics, Produce and Fetch requests on one `BrokerChannel` per broker
 * address. Errors come back as Kafka error codes, as a client library would see them.
 */
import { BrokerChannel } from '../kafka/network/broker-channel.ts';
import {
  decodeCreateTopicsResponse,
  decodeFetchResponse,
  decodeProduceResponse,
  decodeRecordBatches,
  encodeCreateTopicsRequest,
  encodeFetchRequest,
  encodeProduceRequest,
  encodeRecordBatch,
} from '../kafka/protocol/index.ts';
import type { Transport } from '../transport/transport.ts';

const PRODUCE_VERSION = 7;
const FETCH_VERSION = 11;
const CREATE_TOPICS_VERSION = 3;

export class WireKafkaClient {
  readonly #transport: Transport;
  readonly #channels = new Map<string, BrokerChannel>();

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** CreateTopics to `address` (the controller); resolves with the topic's error code (0 = created). */
  async createTopic(address: string, topic: string, numPartitions: number, replicationFactor: number): Promise<number> {
    const reader = await (await this.#channel(address)).request(
      19,
      CREATE_TOPICS_VERSION,
      (w) => encodeCreateTopicsRequest(w, { topics: [{ name: topic, numPartitions, replicationFactor, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false }, CREATE_TOPICS_VERSION),
      10_000,
    );
    return decodeCreateTopicsResponse(reader, CREATE_TOPICS_VERSION).topics[0].errorCode;
  }

  /** Produce one batch of `values` to `address` (the partition's leader); resolves with the error code. */
  async produce(address: string, topic: string, partition: number, values: string[], acks: -1 | 1): Promise<number> {
    const records = await encodeRecordBatch({ records: values.map((value) => ({ value: new TextEncoder().encode(value) })) });
    try {
      const reader = await (await this.#channel(address)).request(
        0,
        PRODUCE_VERSION,
        (w) => encodeProduceRequest(w, { transactionalId: null, acks, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }] }, PRODUCE_VERSION),
        10_000,
      );
      return decodeProduceResponse(reader, PRODUCE_VERSION).responses[0].partitionResponses[0].errorCode;
    } catch (error) {
      this.#drop(address);
      throw error;
    }
  }

  /** Every committed record value of the partition (Fetch from offset 0 up to the high watermark), from `address` (the leader). */
  async readAll(address: string, topic: string, partition: number): Promise<{ errorCode: number; values: string[] }> {
    const values: string[] = [];
    let offset = 0n;
    for (;;) {
      const reader = await (await this.#channel(address)).request(
        1,
        FETCH_VERSION,
        (w) =>
          encodeFetchRequest(
            w,
            {
              replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 10_000_000, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
              topics: [{ topic, partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: offset, logStartOffset: -1n, partitionMaxBytes: 10_000_000 }] }],
              forgottenTopicsData: [], rackId: '',
            },
            FETCH_VERSION,
          ),
        10_000,
      );
      const data = decodeFetchResponse(reader, FETCH_VERSION).responses[0].partitions[0];
      if (data.errorCode !== 0) return { errorCode: data.errorCode, values };
      for (const batch of await decodeRecordBatches(data.records ?? new Uint8Array())) {
        for (const record of batch.records) {
          if (record.offset >= offset) values.push(new TextDecoder().decode(record.value ?? new Uint8Array()));
          offset = record.offset + 1n;
        }
      }
      if (offset >= data.highWatermark) return { errorCode: 0, values };
    }
  }

  close(): void {
    for (const channel of this.#channels.values()) channel.close();
    this.#channels.clear();
  }

  async #channel(address: string): Promise<BrokerChannel> {
    const open = this.#channels.get(address);
    if (open && !open.closed) return open;
    const [host, port] = address.split(':');
    const channel = await BrokerChannel.open(this.#transport, host, Number(port), 'wire-kafka-client');
    this.#channels.set(address, channel);
    return channel;
  }

  #drop(address: string): void {
    this.#channels.get(address)?.close();
    this.#channels.delete(address);
  }
}
