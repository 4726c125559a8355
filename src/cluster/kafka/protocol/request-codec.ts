/**
 * Whole Kafka messages: header + body, for both sides of a connection.
 *
 * Broker side: `decodeRequestFrame(payload)` turns what `FrameReader` yields (the bytes after the int32
 * size) into a typed outcome, and `encodeResponseFrame(...)` returns the bytes to write to the socket,
 * int32 size prefix included. Client side (tests, tools): `encodeRequestFrame` / `decodeResponseFrame`.
 * The header versions follow from the API and its version (flexible versions: request header v2,
 * response header v1, except ApiVersions responses, always v0).
 *
 * What a broker does with each outcome of `decodeRequestFrame`, as Apache Kafka does it:
 * - `request`: handle it; answer with `encodeResponseFrame` at the same version and correlation id
 *   (unless `expectsResponse` says no: Produce with acks=0 gets no response at all).
 * - `api-versions-fallback`: an ApiVersions version we do not speak (librdkafka's first request is a
 *   flexible v3): answer `encodeApiVersionsFallbackFrame(correlationId)`, a v0-layout response with
 *   UNSUPPORTED_VERSION and our ranges; the client retries with a version we list (librdkafka: v0).
 * - `unsupported-version` / `unknown-api-key`: Kafka cannot write a response in a layout it does not
 *   know, so it closes the connection (AK RequestContext.parseRequest -> InvalidRequestException).
 *   Do the same, logging `describeOutcome(outcome)`.
 * Malformed bytes throw `ProtocolDecodeError`: close that connection.
 */
import type { ApiDefinition } from './api-definition.ts';
import { ProtocolDecodeError, ProtocolEncodeError } from './codec-errors.ts';
import { KAFKA_ERRORS } from './errors.ts';
import type { ApiVersion } from './messages/api-versions-response.ts';
import { encodeApiVersionsResponse } from './messages/api-versions-response.ts';
import { API_KEYS, API_REGISTRY } from './messages/index.ts';
import type { ApiKey, RequestBodies, ResponseBodies } from './messages/index.ts';
import { KafkaReader } from './reader.ts';
import { decodeRequestHeader, encodeRequestHeader } from './request-header.ts';
import type { RequestHeader } from './request-header.ts';
import { decodeResponseHeader, encodeResponseHeader, responseHeaderVersion } from './response-header.ts';
import { KafkaWriter } from './writer.ts';

/** A decoded request of API `K`. */
export interface RequestFrame<K extends ApiKey> {
  readonly kind: 'request';
  readonly apiKey: K;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
  readonly body: RequestBodies[K];
}

/** A decoded request of any supported API; narrow on `apiKey` to get the body type. */
export type DecodedRequest = { [K in ApiKey]: RequestFrame<K> }[ApiKey];

/** Everything `decodeRequestFrame` can return (see the file comment for what to do with each). */
export type RequestFrameOutcome =
  | DecodedRequest
  | { readonly kind: 'api-versions-fallback'; readonly header: RequestHeader }
  | { readonly kind: 'unsupported-version'; readonly header: RequestHeader; readonly apiName: string; readonly minVersion: number; readonly maxVersion: number }
  | { readonly kind: 'unknown-api-key'; readonly header: RequestHeader };

type AnyApi = ApiDefinition<number, unknown, unknown>;

/** The registry entry for a key, typed loosely for internal dispatch. */
function lookupApi(apiKey: number): AnyApi | undefined {
  return Object.hasOwn(API_REGISTRY, apiKey) ? (API_REGISTRY as unknown as Readonly<Record<number, AnyApi>>)[apiKey] : undefined;
}

/** Whether we have codecs for `apiKey`. */
export function isApiKey(apiKey: number): apiKey is ApiKey {
  return lookupApi(apiKey) !== undefined;
}

/**
 * Decodes one request (`payload` = the bytes after the int32 size). Throws `ProtocolDecodeError` for
 * malformed bytes, including trailing bytes after the body.
 */
export function decodeRequestFrame(payload: Uint8Array): RequestFrameOutcome {
  const reader = new KafkaReader(payload);
  const header = decodeRequestHeader(reader);
  const api = lookupApi(header.apiKey);
  if (api === undefined) return { kind: 'unknown-api-key', header };
  if (header.apiVersion < api.minVersion || header.apiVersion > api.maxVersion) {
    if (header.apiKey === API_KEYS.ApiVersions) return { kind: 'api-versions-fallback', header };
    return { kind: 'unsupported-version', header, apiName: api.name, minVersion: api.minVersion, maxVersion: api.maxVersion };
  }
  const what = `${api.name}Request v${header.apiVersion} (correlation id ${header.correlationId})`;
  const body = withContext(what, () => {
    const value = api.decodeRequest(reader, header.apiVersion);
    reader.expectEnd(what);
    return value;
  });
  return {
    kind: 'request',
    apiKey: header.apiKey,
    apiVersion: header.apiVersion,
    correlationId: header.correlationId,
    clientId: header.clientId,
    body,
  } as DecodedRequest;
}

/** Encodes a response, int32 size prefix included, ready to write to the socket. */
export function encodeResponseFrame<K extends ApiKey>(apiKey: K, apiVersion: number, correlationId: number, body: ResponseBodies[K]): Uint8Array {
  const api = requireApi(apiKey);
  return sizePrefixed((writer) => {
    encodeResponseHeader(writer, { correlationId }, responseHeaderVersion(apiKey, apiVersion));
    api.encodeResponse(writer, body, apiVersion);
  });
}

/** Encodes a request (header v1, or v2 for a flexible version), int32 size prefix included (client side: tests, tools). */
export function encodeRequestFrame<K extends ApiKey>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: RequestBodies[K],
): Uint8Array {
  const api = requireApi(apiKey);
  return sizePrefixed((writer) => {
    encodeRequestHeader(writer, { apiKey, apiVersion, correlationId, clientId });
    api.encodeRequest(writer, body, apiVersion);
  });
}

/** Decodes a response to a request of `apiKey` at `apiVersion` (`payload` = the bytes after the int32 size). */
export function decodeResponseFrame<K extends ApiKey>(
  apiKey: K,
  apiVersion: number,
  payload: Uint8Array,
): { readonly correlationId: number; readonly body: ResponseBodies[K] } {
  const api = requireApi(apiKey);
  const reader = new KafkaReader(payload);
  const { correlationId } = decodeResponseHeader(reader, responseHeaderVersion(apiKey, apiVersion));
  const what = `${api.name}Response v${apiVersion} (correlation id ${correlationId})`;
  const body = withContext(what, () => {
    const value = api.decodeResponse(reader, apiVersion);
    reader.expectEnd(what);
    return value;
  });
  return { correlationId, body: body as ResponseBodies[K] };
}

/**
 * The ApiVersions entries to advertise, sorted by key: every API of the registry, optional ones (see
 * supported-apis.ts) only when `includeOptional` (pass true once the broker implements them).
 */
export function advertisedApiVersions(options: { readonly includeOptional?: boolean } = {}): ApiVersion[] {
  return Object.values(API_REGISTRY)
    .filter((api) => options.includeOptional === true || !api.optional)
    .map((api) => ({ apiKey: api.apiKey, minVersion: api.minVersion, maxVersion: api.maxVersion }))
    .sort((a, b) => a.apiKey - b.apiKey);
}

/**
 * The answer to an ApiVersions request at a version we do not speak (librdkafka's first, flexible v3):
 * a v0 header + v0 body `{ error_code: UNSUPPORTED_VERSION (35), api_keys: apiKeys }`, size-prefixed.
 * Apache Kafka lists only ApiVersions itself; listing every range works as well (librdkafka cannot parse
 * the v0 layout as v3 and retries with v0; kafkajs never sends more than v2).
 */
export function encodeApiVersionsFallbackFrame(correlationId: number, apiKeys: readonly ApiVersion[] = advertisedApiVersions()): Uint8Array {
  return sizePrefixed((writer) => {
    encodeResponseHeader(writer, { correlationId });
    encodeApiVersionsResponse(writer, { errorCode: KAFKA_ERRORS.UNSUPPORTED_VERSION.code, apiKeys: [...apiKeys] }, 0);
  });
}

/** Whether the client waits for a response: not for Produce with acks=0 (Kafka sends none). */
export function expectsResponse(request: DecodedRequest): boolean {
  return !(request.apiKey === API_KEYS.Produce && request.body.acks === 0);
}

/** A one-line description of a non-request outcome, for the log line that precedes closing the connection. */
export function describeOutcome(outcome: Exclude<RequestFrameOutcome, DecodedRequest>): string {
  const { apiKey, apiVersion, correlationId, clientId } = outcome.header;
  const from = `correlation id ${correlationId}, client ${clientId === null ? '(none)' : JSON.stringify(clientId)}`;
  switch (outcome.kind) {
    case 'api-versions-fallback':
      return `ApiVersions v${apiVersion} is not supported (${from}): answering UNSUPPORTED_VERSION in the v0 layout`;
    case 'unsupported-version':
      return `${outcome.apiName} v${apiVersion} is not supported, only ${outcome.minVersion}..${outcome.maxVersion} (${from})`;
    case 'unknown-api-key':
      return `unknown API key ${apiKey} v${apiVersion} (${from})`;
  }
}

function requireApi(apiKey: number): AnyApi {
  const api = lookupApi(apiKey);
  if (api === undefined) throw new ProtocolEncodeError(`no codecs for API key ${apiKey}`);
  return api;
}

function sizePrefixed(write: (writer: KafkaWriter) => void): Uint8Array {
  const writer = new KafkaWriter();
  const sizeAt = writer.reserveInt32();
  write(writer);
  writer.int32At(sizeAt, writer.length - 4);
  return writer.toBytes();
}

function withContext<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof ProtocolDecodeError) throw new ProtocolDecodeError(`${what}: ${error.reason}`, error.offset);
    throw error;
  }
}
