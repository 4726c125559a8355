/**
 * The two inter-broker APIs the teaching brokers use besides Fetch, hand-written because clients never
 * send them (the generated codecs cover the client subset). Layouts from Apache Kafka 3.4.0
 * `OffsetForLeaderEpochRequest/Response.json` (v3, the last non-flexible version) and
 * `ControlledShutdownRequest/Response.json` (v1).
 */
import type { KafkaReader, KafkaWriter } from '../protocol/index.ts';

export const OFFSET_FOR_LEADER_EPOCH = { apiKey: 23, version: 3 } as const;
export const CONTROLLED_SHUTDOWN = { apiKey: 7, version: 1 } as const;

// ---- OffsetForLeaderEpoch v3 ----------------------------------------------------------------------

export interface OffsetForLeaderEpochRequest {
  replicaId: number;
  topics: Array<{ topic: string; partitions: Array<{ partition: number; currentLeaderEpoch: number; leaderEpoch: number }> }>;
}

export interface OffsetForLeaderEpochResponse {
  throttleTimeMs: number;
  topics: Array<{ topic: string; partitions: Array<{ errorCode: number; partition: number; leaderEpoch: number; endOffset: bigint }> }>;
}

export function encodeOffsetForLeaderEpochRequest(writer: KafkaWriter, value: OffsetForLeaderEpochRequest): void {
  writer.int32(value.replicaId);
  writer.array(value.topics, (w, topic) => {
    w.string(topic.topic);
    w.array(topic.partitions, (w2, p) => {
      w2.int32(p.partition).int32(p.currentLeaderEpoch).int32(p.leaderEpoch);
    });
  });
}

export function decodeOffsetForLeaderEpochRequest(reader: KafkaReader): OffsetForLeaderEpochRequest {
  const replicaId = reader.int32();
  const topics = reader.array((r) => ({
    topic: r.string(),
    partitions: r.array((r2) => ({ partition: r2.int32(), currentLeaderEpoch: r2.int32(), leaderEpoch: r2.int32() })),
  }));
  return { replicaId, topics };
}

export function encodeOffsetForLeaderEpochResponse(writer: KafkaWriter, value: OffsetForLeaderEpochResponse): void {
  writer.int32(value.throttleTimeMs);
  writer.array(value.topics, (w, topic) => {
    w.string(topic.topic);
    w.array(topic.partitions, (w2, p) => {
      w2.int16(p.errorCode).int32(p.partition).int32(p.leaderEpoch).int64(p.endOffset);
    });
  });
}

export function decodeOffsetForLeaderEpochResponse(reader: KafkaReader): OffsetForLeaderEpochResponse {
  const throttleTimeMs = reader.int32();
  const topics = reader.array((r) => ({
    topic: r.string(),
    partitions: r.array((r2) => ({ errorCode: r2.int16(), partition: r2.int32(), leaderEpoch: r2.int32(), endOffset: r2.int64() })),
  }));
  return { throttleTimeMs, topics };
}

// ---- ControlledShutdown v1 ------------------------------------------------------------------------

export interface ControlledShutdownRequest {
  brokerId: number;
}

export interface ControlledShutdownResponse {
  errorCode: number;
  remainingPartitions: Array<{ topicName: string; partitionIndex: number }>;
}

export function encodeControlledShutdownRequest(writer: KafkaWriter, value: ControlledShutdownRequest): void {
  writer.int32(value.brokerId);
}

export function decodeControlledShutdownRequest(reader: KafkaReader): ControlledShutdownRequest {
  return { brokerId: reader.int32() };
}

export function encodeControlledShutdownResponse(writer: KafkaWriter, value: ControlledShutdownResponse): void {
  writer.int16(value.errorCode);
  writer.array(value.remainingPartitions, (w, p) => {
    w.string(p.topicName).int32(p.partitionIndex);
  });
}

export function decodeControlledShutdownResponse(reader: KafkaReader): ControlledShutdownResponse {
  const errorCode = reader.int16();
  const remainingPartitions = reader.array((r) => ({ topicName: r.string(), partitionIndex: r.int32() }));
  return { errorCode, remainingPartitions };
}
