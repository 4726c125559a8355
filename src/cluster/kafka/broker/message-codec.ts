/**
 * Adapts the generated codecs (`../protocol/messages/`) to the `ApiHandler` shape, so a handler file
 * only writes `handle`: `defineApiHandler({ ...messageCodec(API_KEYS.Heartbeat), handle })`. The version
 * range comes from `protocol/supported-apis.ts` (what the codecs implement); a handler may narrow it.
 */
import { API_REGISTRY, KafkaReader, KafkaWriter } from '../protocol/index.ts';
import type { ApiKey, RequestBodies, ResponseBodies } from '../protocol/index.ts';

export interface MessageCodec<K extends ApiKey> {
  readonly apiKey: K;
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  decode(body: Uint8Array, version: number): RequestBodies[K];
  encode(response: ResponseBodies[K], version: number): Uint8Array;
  /** The same bytes as `encode`, with large byte values (fetched records) referenced, not copied. */
  encodeChunks(response: ResponseBodies[K], version: number): Uint8Array[];
}

/** Byte values from this size on go to the socket by reference (a Fetch response's records, a log's batches). */
const SHARE_BYTES_FROM = 4096;

export function messageCodec<K extends ApiKey>(apiKey: K): MessageCodec<K> {
  const api = API_REGISTRY[apiKey];
  return {
    apiKey,
    name: api.name,
    minVersion: api.minVersion,
    maxVersion: api.maxVersion,
    decode(body, version) {
      const reader = new KafkaReader(body);
      const value = api.decodeRequest(reader, version) as RequestBodies[K];
      reader.expectEnd(`${api.name}Request v${version}`);
      return value;
    },
    encode(response, version) {
      const writer = new KafkaWriter();
      api.encodeResponse(writer, response as never, version);
      return writer.toBytes();
    },
    encodeChunks(response, version) {
      const writer = new KafkaWriter(256, { shareBytesFrom: SHARE_BYTES_FROM });
      api.encodeResponse(writer, response as never, version);
      return writer.toChunks();
    },
  };
}
