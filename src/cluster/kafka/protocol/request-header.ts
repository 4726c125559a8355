/**
 * Kafka request header (schema: `schemas/RequestHeader.json`).
 *
 * - v0: `api_key int16, api_version int16, correlation_id int32` (only ControlledShutdown v0 used it).
 * - v1: v0 + `client_id NULLABLE_STRING`, for every non-flexible request (kafkajs always sends v1).
 * - v2: v1 + a tagged-fields section, for flexible versions (the client id stays a classic int16-length
 *   string). librdkafka's first ApiVersions v3 comes with one; so do our tools' Metadata v9+ requests.
 *
 * Which version a request uses follows from its API key and version (Kafka's
 * `ApiKeys.requestHeaderVersion`), so the readers and writers here work it out themselves.
 */
import { API_REGISTRY } from './messages/index.ts';
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

/**
 * Whether `apiVersion` of `apiKey` is flexible in Kafka's schema; false for an API we have no codecs for
 * (we cannot tell, and every such API a client sends us is a non-flexible inter-broker one).
 */
export function isFlexibleVersion(apiKey: number, apiVersion: number): boolean {
  if (!Object.hasOwn(API_REGISTRY, apiKey)) return false;
  const first = (API_REGISTRY as unknown as Readonly<Record<number, { firstFlexibleVersion: number | null }>>)[apiKey].firstFlexibleVersion;
  return first !== null && apiVersion >= first;
}

/** The request header version of a request: 0, 1 or 2. */
export function requestHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 | 2 {
  if (apiKey === CONTROLLED_SHUTDOWN && apiVersion === 0) return 0;
  return isFlexibleVersion(apiKey, apiVersion) ? 2 : 1;
}

/**
 * Reads a request header of the version its API key and version call for; header tags are skipped.
 * For a version we have no codec for, the reader stops after the client id: its body is never read (the
 * broker answers UNSUPPORTED_VERSION whatever follows), so neither are its header tags.
 */
export function decodeRequestHeader(reader: KafkaReader): RequestHeader {
  const apiKey = reader.int16();
  const apiVersion = reader.int16();
  const correlationId = reader.int32();
  const headerVersion = requestHeaderVersion(apiKey, apiVersion);
  const clientId = headerVersion === 0 ? null : reader.nullableString();
  if (headerVersion === 2 && hasCodec(apiKey, apiVersion)) reader.taggedFields();
  return { apiKey, apiVersion, correlationId, clientId };
}

function hasCodec(apiKey: number, apiVersion: number): boolean {
  if (!Object.hasOwn(API_REGISTRY, apiKey)) return false;
  const api = (API_REGISTRY as unknown as Readonly<Record<number, { minVersion: number; maxVersion: number }>>)[apiKey];
  return apiVersion >= api.minVersion && apiVersion <= api.maxVersion;
}

/** Writes a request header of the version its API key and version call for (v2 with no tags). */
export function encodeRequestHeader(writer: KafkaWriter, header: RequestHeader): void {
  writer.int16(header.apiKey).int16(header.apiVersion).int32(header.correlationId);
  const headerVersion = requestHeaderVersion(header.apiKey, header.apiVersion);
  if (headerVersion >= 1) writer.nullableString(header.clientId);
  if (headerVersion === 2) writer.taggedFields();
}
