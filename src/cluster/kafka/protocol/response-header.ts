/**
 * Kafka response header (schema: `schemas/ResponseHeader.json`).
 *
 * - v0: `correlation_id int32`, for every non-flexible response, and for ApiVersions responses of every
 *   version (clients parse ApiVersions responses without header tags, AK ApiVersionsResponse.json).
 * - v1: v0 + tagged fields, for flexible responses; we never send one.
 */
import type { KafkaReader } from './reader.ts';
import type { KafkaWriter } from './writer.ts';

export interface ResponseHeader {
  readonly correlationId: number;
}

/** Reads a v0 header. */
export function decodeResponseHeader(reader: KafkaReader): ResponseHeader {
  return { correlationId: reader.int32() };
}

/** Writes a v0 header. */
export function encodeResponseHeader(writer: KafkaWriter, header: ResponseHeader): void {
  writer.int32(header.correlationId);
}
