/**
 * A hand-driven idempotent producer for wire-level tests: InitProducerId and Produce v7 requests with a
 * batch whose producer id, epoch and sequence the test chooses (to replay a batch, leave a gap, use an old
 * epoch), each on a fresh `RawKafkaConnection` to one broker's port.
 */
import {
  API_KEYS,
  decodeResponseFrame,
  encodeRecordBatch,
  encodeRequestFrame,
} from '../../src/cluster/kafka/protocol/index.ts';
import type { ApiKey, RequestBodies, ResponseBodies } from '../../src/cluster/kafka/protocol/index.ts';
import { RawKafkaConnection } from './raw-kafka-connection.ts';

let correlation = 1;

/** Sends one request on a fresh connection and decodes the answer. */
export async function rawCall<K extends ApiKey>(port: number, apiKey: K, version: number, body: RequestBodies[K], timeoutMs = 15_000): Promise<ResponseBodies[K]> {
  const raw = await RawKafkaConnection.open(port);
  try {
    const correlationId = correlation++;
    raw.send(encodeRequestFrame(apiKey, version, correlationId, 'raw-producer', body));
    const reply = decodeResponseFrame(apiKey, version, await raw.nextFrame(timeoutMs));
    if (reply.correlationId !== correlationId) throw new Error(`answer for correlation id ${reply.correlationId}, expected ${correlationId}`);
    return reply.body;
  } finally {
    raw.destroy();
  }
}

/** InitProducerId v1 (transactional id null unless given). */
export function initProducerId(port: number, transactionalId: string | null = null): Promise<ResponseBodies[typeof API_KEYS.InitProducerId]> {
  return rawCall(port, API_KEYS.InitProducerId, 1, { transactionalId, transactionTimeoutMs: 60_000 });
}

export interface ProducerBatchSpec {
  producerId: bigint;
  epoch: number;
  sequence: number;
  values: readonly string[];
}

/**
 * One batch of `values` as an idempotent producer writes it (producer id -1 for a plain producer),
 * stamped with the current time as clients do (a producer whose last batch is older than
 * producer.id.expiration.ms is forgotten).
 */
export function producerBatch({ producerId, epoch, sequence, values }: ProducerBatchSpec): Promise<Uint8Array> {
  const timestamp = BigInt(Date.now());
  return encodeRecordBatch({
    producerId,
    producerEpoch: epoch,
    baseSequence: sequence,
    records: values.map((value) => ({ timestamp, value: new TextEncoder().encode(value) })),
  });
}

/** Produce v7 of `records` (one batch's bytes) to `topic`/`partition`; the partition's answer. */
export async function produceRecords(port: number, topic: string, partition: number, records: Uint8Array, acks = -1) {
  const response = await rawCall(port, API_KEYS.Produce, 7, {
    transactionalId: null,
    acks,
    timeoutMs: 10_000,
    topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
  });
  return response.responses[0].partitionResponses[0];
}
