/**
 * One client connection to the broker: int32-length framing, request header, dispatch through the
 * `ApiRegistry`, and responses written in request order. As in Kafka, a connection handles one request
 * at a time (the next is read once the previous one is answered), so a long-polling Fetch delays what
 * follows it on the same connection.
 *
 * Bad input never reaches past this connection:
 * - an oversized (above `socket.request.max.bytes`) or negative frame length, an undecodable header or
 *   body: the connection is closed with a logged reason (Kafka's "Invalid receive (size = X larger than Y)");
 * - an unknown API key or an unsupported version: an UNSUPPORTED_VERSION answer (ApiVersions: the v0
 *   layout librdkafka expects; other APIs: the correlation id and the int16 error code), connection kept.
 */
import type { Logger } from '../../logger.ts';
import { FrameTooLargeError } from '../../transport/frame-reader.ts';
import { receiveFrames } from '../../transport/receive-frames.ts';
import type { Connection } from '../../transport/transport.ts';
import {
  encodeApiVersionsFallbackFrame,
  KAFKA_ERRORS,
  KafkaProtocolError,
  KafkaReader,
  KafkaWriter,
  ProtocolDecodeError,
  decodeRequestHeader,
  responseHeaderVersion,
} from '../protocol/index.ts';
import type { RequestHeader } from '../protocol/index.ts';
import type { ApiHandler, RequestContext } from './api-handler.ts';
import type { BrokerServices } from './broker-services.ts';

const API_VERSIONS = 18;
/** Requests read ahead while one is being handled; more means a client ignoring responses: close. */
const MAX_QUEUED_REQUESTS = 1000;

export class ClientConnection {
  readonly #connection: Connection;
  readonly #services: BrokerServices;
  readonly #log: Logger;
  readonly #listenerName: string;
  readonly #maxFrameBytes: number;
  readonly #abort = new AbortController();
  #queue: Uint8Array[] = [];
  #busy = false;
  #closed = false;

  /** `listenerName`: the listener that accepted the connection (Metadata answers that listener's addresses). */
  constructor(connection: Connection, services: BrokerServices, logger: Logger, listenerName = 'PLAINTEXT') {
    this.#connection = connection;
    this.#listenerName = listenerName;
    this.#services = services;
    this.#log = logger;
    this.#maxFrameBytes = services.config.socketRequestMaxBytes;
    // Over TCP a request is read straight into a buffer of its own (a produce request's batch is then kept
    // as it is: see log/retained-bytes.ts).
    receiveFrames(connection, this.#maxFrameBytes, (frame) => this.#onFrame(frame), (error) => this.#onBadFrame(error));
    connection.onClose(() => {
      this.#closed = true;
      this.#queue = [];
      this.#abort.abort();
    });
  }

  get remote(): string {
    return this.#connection.remote;
  }

  /** Closes at once (broker kill) or after pending writes (stop). */
  close(reason: string, abrupt = false): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#log.debug('closing connection', { remote: this.remote, reason });
    this.#abort.abort();
    if (abrupt) this.#connection.destroy();
    else this.#connection.close();
  }

  #onBadFrame(error: Error): void {
    if (this.#closed) return;
    if (!(error instanceof FrameTooLargeError)) {
      this.#reject(`bad frame: ${error.message}`);
      return;
    }
    // Kafka's NetworkReceive throws InvalidReceiveException, and the Selector closes the connection.
    const max = this.#maxFrameBytes;
    this.#reject(
      error.size < 0
        ? `InvalidReceiveException: Invalid receive (size = ${error.size})`
        : `InvalidReceiveException: Invalid receive (size = ${error.size} larger than ${max}), socket.request.max.bytes=${max}`,
    );
  }

  #onFrame(frame: Uint8Array): void {
    if (this.#closed) return;
    // Handlers copy what they keep unless it fills the frame's own buffer (record batches).
    this.#queue.push(frame);
    if (this.#queue.length > MAX_QUEUED_REQUESTS) {
      this.#reject(`more than ${MAX_QUEUED_REQUESTS} requests queued without reading responses`);
      return;
    }
    void this.#drain();
  }

  async #drain(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      while (!this.#closed && this.#queue.length > 0) {
        const frame = this.#queue.shift()!;
        await this.#process(frame);
      }
    } finally {
      this.#busy = false;
    }
  }

  async #process(payload: Uint8Array): Promise<void> {
    let header: RequestHeader;
    const reader = new KafkaReader(payload);
    try {
      header = decodeRequestHeader(reader);
    } catch (error) {
      this.#reject(`undecodable request header: ${(error as Error).message}`);
      return;
    }
    const handler = this.#services.apis.get(header.apiKey);
    if (!handler || header.apiVersion < handler.minVersion || header.apiVersion > handler.maxVersion) {
      this.#unsupported(header, handler);
      return;
    }
    let request: unknown;
    try {
      // The header (v2 for flexible versions, with its tags) has been read: the body follows.
      request = handler.decode(payload.subarray(reader.offset), header.apiVersion);
    } catch (error) {
      const reason = error instanceof ProtocolDecodeError ? error.message : String(error);
      this.#reject(`malformed ${handler.name} v${header.apiVersion} request: ${reason}`);
      return;
    }
    const ctx: RequestContext = {
      apiKey: header.apiKey,
      apiVersion: header.apiVersion,
      correlationId: header.correlationId,
      clientId: header.clientId,
      remote: this.remote,
      listenerName: this.#listenerName,
      services: this.#services,
      logger: this.#log,
      signal: this.#abort.signal,
    };
    let response: unknown;
    try {
      response = await this.#run(handler, ctx, request);
    } catch (error) {
      if (error instanceof KafkaProtocolError && handler.errorResponse) {
        response = handler.errorResponse(request as never, error.code, header.apiVersion);
      } else if (handler.errorResponse) {
        // As Kafka's KafkaApis.handleError: an unexpected failure (say, ZooKeeper without a quorum)
        // is answered with UNKNOWN_SERVER_ERROR on the same connection, which stays open.
        this.#log.error('request failed', { api: handler.name, version: header.apiVersion, remote: this.remote, error: String(error) });
        response = handler.errorResponse(request as never, KAFKA_ERRORS.UNKNOWN_SERVER_ERROR.code, header.apiVersion);
      } else {
        this.#log.error('request failed', { api: handler.name, version: header.apiVersion, remote: this.remote, error: String(error) });
        this.close(`${handler.name} handler failed: ${(error as Error).message}`);
        return;
      }
    }
    if (response === DROP || response === null || this.#closed) return;
    if (response === CLOSE) {
      this.close('fault injection');
      return;
    }
    let body: readonly Uint8Array[];
    try {
      body = handler.encodeChunks ? handler.encodeChunks(response as never, header.apiVersion) : [handler.encode(response as never, header.apiVersion)];
    } catch (error) {
      this.#log.error('cannot encode response', { api: handler.name, version: header.apiVersion, error: String(error) });
      this.close(`${handler.name} response could not be encoded`);
      return;
    }
    this.#write(header.correlationId, body, responseHeaderVersion(header.apiKey, header.apiVersion));
  }

  async #run(handler: ApiHandler<unknown, unknown>, ctx: RequestContext, request: unknown): Promise<unknown> {
    const fault = await this.#services.faults.decide(ctx, request);
    if (fault) {
      switch (fault.action) {
        case 'error':
          if (!handler.errorResponse) throw new Error(`${handler.name} has no errorResponse for fault injection`);
          return handler.errorResponse(request as never, fault.errorCode, ctx.apiVersion);
        case 'respond':
          return fault.response;
        case 'drop':
          return DROP;
        case 'close':
          return CLOSE;
        case 'close-after-handling':
          await handler.handle(ctx, request);
          return CLOSE;
        case 'delay':
          await new Promise((resolve) => setTimeout(resolve, fault.ms));
          break;
      }
    }
    return handler.handle(ctx, request);
  }

  #unsupported(header: RequestHeader, handler: ApiHandler<unknown, unknown> | undefined): void {
    const what = handler
      ? `${handler.name} v${header.apiVersion} (supported ${handler.minVersion}..${handler.maxVersion})`
      : `unknown API key ${header.apiKey} v${header.apiVersion}`;
    this.#log.info('unsupported request: answering UNSUPPORTED_VERSION', { request: what, remote: this.remote, clientId: header.clientId });
    if (header.apiKey === API_VERSIONS) {
      if (!this.#closed) this.#connection.write(encodeApiVersionsFallbackFrame(header.correlationId, this.#services.apis.advertisedVersions()));
      return;
    }
    this.#write(header.correlationId, [new KafkaWriter().int16(KAFKA_ERRORS.UNSUPPORTED_VERSION.code).toBytes()]);
  }

  /**
   * Writes the size, the response header (v1 adds an empty tagged-fields section) and the body. A small
   * body goes out as one frame; a large one (a fetch response) is not copied again: the header and the
   * body's chunks go out back to back (the transport joins writes of one tick into one vectored write).
   */
  #write(correlationId: number, body: readonly Uint8Array[], headerVersion: 0 | 1 = 0): void {
    if (this.#closed) return;
    let bodyLength = 0;
    for (const chunk of body) bodyLength += chunk.length;
    const headLength = headerVersion === 1 ? 9 : 8;
    const small = bodyLength < 4096;
    const head = new Uint8Array(small ? headLength + bodyLength : headLength);
    const view = new DataView(head.buffer);
    view.setInt32(0, headLength - 4 + bodyLength);
    view.setInt32(4, correlationId);
    if (small) {
      let at = headLength;
      for (const chunk of body) {
        head.set(chunk, at);
        at += chunk.length;
      }
      this.#connection.write(head);
      return;
    }
    this.#connection.write(head);
    for (const chunk of body) if (chunk.length > 0) this.#connection.write(chunk);
  }

  #reject(reason: string): void {
    this.#log.warn('closing connection on bad input', { remote: this.remote, reason });
    this.close(reason);
  }
}

const DROP = Symbol('drop');
const CLOSE = Symbol('close');
