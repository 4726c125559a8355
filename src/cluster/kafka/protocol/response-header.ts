/**
 * Kafka response header (schema: `schemas/ResponseHeader.json`).
 *
 * - v0: `correlation_id int32`, for every non-flexible response, and for ApiVersions responses of every
 *   version (clients read ApiVersions answers before they know what the broker speaks, AK
 *   ApiVersionsResponse.json; librdkafka skips header tags for every API but ApiVersions).
 * - v1: v0 + a tagged-fields section, for the other flexible responses (Metadata v9+).
 */
import { isFlexibleVersion } from './request-header.ts';
import type { KafkaReader } from './reader.ts';
import type { KafkaWriter } from './writer.ts';

export interface ResponseHeader {
  readonly correlationId: number;
}

const API_VERSIONS = 18;

/** The response header version of an answer to `apiKey` at `apiVersion` (Kafka's `ApiKeys.responseHeaderVersion`). */
export function responseHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 {
  return apiKey !== API_VERSIONS && isFlexibleVersion(apiKey, apiVersion) ? 1 : 0;
}

/** Reads a header of `version` (default v0); header tags are skipped. */
export function decodeResponseHeader(reader: KafkaReader, version: 0 | 1 = 0): ResponseHeader {
  const correlationId = reader.int32();
  if (version === 1) reader.taggedFields();
  return { correlationId };
}

/** Writes a header of `version` (default v0; v1 with no tags). */
export function encodeResponseHeader(writer: KafkaWriter, header: ResponseHeader, version: 0 | 1 = 0): void {
  writer.int32(header.correlationId);
  if (version === 1) writer.taggedFields();
}
