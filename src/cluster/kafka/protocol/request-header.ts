/**
 * Kafka request header (schema: `schemas/RequestHeader.json`).
 *
 * - v0: `api_key int16, api_version int16, correlation_id int32` (only ControlledShutdown v0 used it).
 * - v1: v0 + `client_id NULLABLE_STRING`. Every non-flexible request we support uses v1 (kafkajs always
 *   sends v1).
 * - v2: v1 + tagged fields, for flexible versions. The one flexible request that reaches us is
 *   librdkafka's first ApiVersions v3: we read only the first four fields, which v1 and v2 share, and
 *   answer it without reading further (see `request-codec.ts`).
 */
import type { KafkaReader } from './reader.ts';
import type { KafkaWriter } from './writer.ts';

export interface RequestHeader {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  /** null when the client sent -1 (or for a v0 header). */
  readonly clientId: string | null;
}

const CONTROLLED_SHUTDOWN = 7;

/** Reads the header fields common to v1 and v2 (v0 for ControlledShutdown v0). Leaves tagged fields unread. */
export function decodeRequestHeader(reader: KafkaReader): RequestHeader {
  const apiKey = reader.int16();
  const apiVersion = reader.int16();
  const correlationId = reader.int32();
  const clientId = apiKey === CONTROLLED_SHUTDOWN && apiVersion === 0 ? null : reader.nullableString();
  return { apiKey, apiVersion, correlationId, clientId };
}

/** Writes a v1 header (what every non-flexible request uses). */
export function encodeRequestHeader(writer: KafkaWriter, header: RequestHeader): void {
  writer.int16(header.apiKey).int16(header.apiVersion).int32(header.correlationId).nullableString(header.clientId);
}
