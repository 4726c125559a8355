/**
 * The shape of one Kafka API handler and the registry the broker dispatches through.
 *
 * Modelled on franz-go's kfake: one file per API in `handlers/` (e.g. `handlers/heartbeat.ts`), each
 * opening with its version notes and default-exporting `defineApiHandler({ apiKey, name, minVersion,
 * maxVersion, decode, encode, handle })`; `handlers/index.ts` lists them. The broker never switches on
 * an API key: it looks the handler up in an `ApiRegistry`, checks the version range (outside it: an
 * UNSUPPORTED_VERSION response) and runs the per-API fault hooks (see `fault-injector.ts`) first.
 */
import type { Logger } from '../../logger.ts';
import type { BrokerServices } from './broker-services.ts';

/** Everything a handler knows about the request it is answering. */
export interface RequestContext {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  /** The request header's client id (`null` when the client sent none). */
  readonly clientId: string | null;
  /** The peer, e.g. `127.0.0.1:53122`, for logs. */
  readonly remote: string;
  /** The listener the client connected through (`PLAINTEXT`, `EXTERNAL`): Metadata answers its addresses. */
  readonly listenerName: string;
  /** What the broker offers handlers: its id and config, metadata, partitions, the offsets topic, groups. */
  readonly services: BrokerServices;
  readonly logger: Logger;
  /** Aborted when the connection closes or the broker stops: long polls should give up then. */
  readonly signal: AbortSignal;
}

/**
 * One Kafka API. `Request`/`Response` are the codec's generated message types
 * (`src/cluster/kafka/protocol/`); `decode`/`encode` adapt the codec to the raw body after/before the
 * header, so the broker core stays independent of any one message.
 */
export interface ApiHandler<Request = unknown, Response = unknown> {
  readonly apiKey: number;
  /** Kafka's name, e.g. `Heartbeat`. */
  readonly name: string;
  /** The versions this broker implements and advertises in ApiVersions. */
  readonly minVersion: number;
  readonly maxVersion: number;
  /** `false` for inter-broker APIs that ApiVersions should not list (default true). */
  readonly advertised?: boolean;
  /** Decodes the request body (the bytes after the request header) at `version`. Throws on malformed input. */
  decode(body: Uint8Array, version: number): Request;
  /** Encodes the response body (without the response header) at `version`. */
  encode(response: Response, version: number): Uint8Array;
  /**
   * Optional: the same bytes as consecutive chunks, large byte values (fetched records) by reference rather
   * than copied, for one vectored socket write. The broker prefers it to `encode`.
   */
  encodeChunks?(response: Response, version: number): readonly Uint8Array[];
  /**
   * Answers one request. Return `null` to send no response at all (Produce with acks=0).
   * Throw a `KafkaProtocolError` (or return an `errorResponse`) for Kafka errors; any other throw is logged
   * and the connection is closed.
   */
  handle(ctx: RequestContext, request: Request): Promise<Response | null> | Response | null;
  /** A response that carries `errorCode` wherever the API has one: used for fault injection and for
   * errors thrown by `handle`. */
  errorResponse?(request: Request, errorCode: number, version: number): Response;
}

/** Declares a handler with its types checked; handler files `export default defineApiHandler({...})`. */
export function defineApiHandler<Request, Response>(handler: ApiHandler<Request, Response>): ApiHandler<Request, Response> {
  if (handler.minVersion < 0 || handler.maxVersion < handler.minVersion) {
    throw new RangeError(`${handler.name}: invalid version range ${handler.minVersion}..${handler.maxVersion}`);
  }
  return handler;
}

/** A handler with its message types erased, as the registry stores it. */
export type AnyApiHandler = ApiHandler<never, never> | ApiHandler<unknown, unknown>;

/** The API table: one handler per API key. */
export class ApiRegistry {
  readonly #handlers = new Map<number, ApiHandler<unknown, unknown>>();

  constructor(handlers: Iterable<AnyApiHandler> = []) {
    for (const handler of handlers) this.register(handler);
  }

  /** Adds a handler; a second handler for the same key replaces the first (tests use that to stub an API). */
  register(handler: AnyApiHandler): this {
    this.#handlers.set(handler.apiKey, handler as ApiHandler<unknown, unknown>);
    return this;
  }

  get(apiKey: number): ApiHandler<unknown, unknown> | undefined {
    return this.#handlers.get(apiKey);
  }

  /** Every handler ordered by API key (what ApiVersions lists, minus the unadvertised ones). */
  list(): ApiHandler<unknown, unknown>[] {
    return [...this.#handlers.values()].sort((a, b) => a.apiKey - b.apiKey);
  }

  /** The `[apiKey, minVersion, maxVersion]` rows ApiVersions advertises. */
  advertisedVersions(): Array<{ apiKey: number; minVersion: number; maxVersion: number }> {
    return this.list()
      .filter((handler) => handler.advertised !== false)
      .map(({ apiKey, minVersion, maxVersion }) => ({ apiKey, minVersion, maxVersion }));
  }
}
