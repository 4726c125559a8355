/**
 * The Kafka wire protocol of the teaching cluster: codecs only, no broker logic. Browser-safe.
 *
 * Broker loop, in short:
 *
 *   const outcome = decodeRequestFrame(payload);            // payload from FrameReader
 *   if (outcome.kind === 'request') {
 *     const response = handle(outcome);                      // narrow on outcome.apiKey for typed bodies
 *     if (expectsResponse(outcome)) socket.write(encodeResponseFrame(outcome.apiKey, outcome.apiVersion, outcome.correlationId, response));
 *   } else if (outcome.kind === 'api-versions-fallback') {
 *     socket.write(encodeApiVersionsFallbackFrame(outcome.header.correlationId));
 *   } else {
 *     close(describeOutcome(outcome));                       // what Apache Kafka does too
 *   }
 *
 * Records travel as raw `Uint8Array` (`records` fields); use `record-batch.ts` helpers to validate and
 * re-offset batches without re-encoding them.
 */

// Primitives
/** Big-endian reader; throws only `ProtocolDecodeError` on bad input. */
export { KafkaReader } from './reader.ts';
/** Growing big-endian writer. */
export { KafkaWriter } from './writer.ts';
export type { TaggedFieldWrite } from './writer.ts';
/** Decode failure (close the connection) and encode failure (a caller bug). */
export { ProtocolDecodeError, ProtocolEncodeError } from './codec-errors.ts';

// Topic ids
/** Kafka's Uuid: 16 bytes on the wire, 22 base64url characters in text. */
export { ZERO_UUID_TEXT, isZeroUuid, uuidFromText, uuidToText } from './kafka-uuid.ts';

// Kafka error codes
/** The flat error-code table, `kafkaErrorForCode`, and `KafkaProtocolError` (carries an entry). */
export { KAFKA_ERRORS, KafkaProtocolError, kafkaErrorForCode } from './errors.ts';
export type { KafkaErrorEntry, KafkaErrorName } from './errors.ts';

// API table
/** What we advertise and why (the generator's input). */
export { SUPPORTED_APIS } from './supported-apis.ts';
export type { SupportedApi } from './supported-apis.ts';
export type { ApiDefinition } from './api-definition.ts';

// Headers and whole frames
export { decodeRequestHeader, encodeRequestHeader, isFlexibleVersion, requestHeaderVersion } from './request-header.ts';
export type { RequestHeader } from './request-header.ts';
export { decodeResponseHeader, encodeResponseHeader, responseHeaderVersion } from './response-header.ts';
export type { ResponseHeader } from './response-header.ts';
export {
  advertisedApiVersions,
  decodeRequestFrame,
  decodeResponseFrame,
  describeOutcome,
  encodeApiVersionsFallbackFrame,
  encodeRequestFrame,
  encodeResponseFrame,
  expectsResponse,
  isApiKey,
} from './request-codec.ts';
export type { DecodedRequest, RequestFrame, RequestFrameOutcome } from './request-codec.ts';

// RecordBatch v2 (records fields are raw bytes; these work on them)
/** Raw-bytes helpers for the broker, and full async decode/encode (async: the codecs are). */
export {
  RECORD_BATCH_HEADER_SIZE,
  decodeRecordBatch,
  decodeRecordBatches,
  encodeRecordBatch,
  isRecordBatchCrcValid,
  readRecordBatchHeader,
  setBaseOffset,
  setPartitionLeaderEpoch,
  splitRecordBatches,
} from './record-batch.ts';
export type { DecodedRecord, DecodedRecordBatch, RecordBatchHeader, RecordBatchInput, RecordHeader, RecordInput } from './record-batch.ts';
/** Codec ids and (de)compression: none, gzip, snappy, lz4, zstd (see compression/). */
export { COMPRESSION_CODECS, DEFAULT_MAX_DECOMPRESSED_BYTES, compress, compressionName, decompress } from './compression.ts';
export type { CompressionName } from './compression.ts';
/** CRC-32C (Castagnoli). */
export { crc32c } from './crc32c.ts';

// Generated message codecs and types, API_KEYS, API_REGISTRY, RequestBodies, ResponseBodies
export * from './messages/index.ts';
