/**
 * The shape of one entry of the generated `API_REGISTRY` (`messages/index.ts`): an API's advertised
 * version range and its four codecs.
 */
import type { KafkaReader } from './reader.ts';
import type { KafkaWriter } from './writer.ts';

export interface ApiDefinition<Key extends number, Request, Response> {
  /** Kafka's API key. */
  readonly apiKey: Key;
  /** Kafka's API name, e.g. `Produce`. */
  readonly name: string;
  /** Lowest version we advertise and decode. */
  readonly minVersion: number;
  /** Highest version we advertise and decode. */
  readonly maxVersion: number;
  /**
   * The API's first flexible version in Kafka's schema (even when above `maxVersion`), or null: from it on
   * requests carry header v2 and responses header v1 (ApiVersions responses excepted).
   */
  readonly firstFlexibleVersion: number | null;
  /** Not needed by the labs: a broker may leave it out of ApiVersions (see supported-apis.ts). */
  readonly optional: boolean;
  /** Why this range; the client behaviour it must respect. */
  readonly note: string;
  /** Writes a request body (client side: tests, tools). */
  readonly encodeRequest: (writer: KafkaWriter, value: Request, version: number) => void;
  /** Reads a request body (broker side). */
  readonly decodeRequest: (reader: KafkaReader, version: number) => Request;
  /** Writes a response body (broker side). */
  readonly encodeResponse: (writer: KafkaWriter, value: Response, version: number) => void;
  /** Reads a response body (client side: tests, tools). */
  readonly decodeResponse: (reader: KafkaReader, version: number) => Response;
}
