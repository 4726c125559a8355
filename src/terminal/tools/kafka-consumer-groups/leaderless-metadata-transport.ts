/**
 * A transport that lets kafkajs read a Metadata answer naming a partition without a leader, as Java's
 * client reads it. kafkajs rejects the whole answer when any partition carries an error, so one
 * leaderless partition anywhere (an RF 1 topic on a stopped broker) would leave the admin tools without
 * brokers and every call timing out; Java's admin client keeps the answer and only that partition waits.
 * Here such a partition's LEADER_NOT_AVAILABLE is cleared on the way in: it keeps leader -1, which the
 * tool then treats as "no leader yet" (see `ToolAdmin.listOffsets`). Every other byte passes unchanged.
 */
import { API_KEYS, decodeResponseFrame, encodeResponseFrame, KAFKA_ERRORS } from '../../../cluster/kafka/protocol/index.ts';
import type { Connection, Listener, Transport } from '../../../cluster/transport/transport.ts';

/** Metadata v9 and later use flexible (tagged) headers; kafkajs 2.2 sends v6 at most. */
const FIRST_FLEXIBLE_METADATA_VERSION = 9;

export function leaderlessMetadataTransport(transport: Transport): Transport {
  return {
    listen(host: string, port: number, onConnection: (connection: Connection) => void): Promise<Listener> {
      return transport.listen(host, port, onConnection);
    },
    async connect(host: string, port: number): Promise<Connection> {
      return new MetadataRewritingConnection(await transport.connect(host, port));
    },
  };
}

class MetadataRewritingConnection implements Connection {
  readonly #inner: Connection;
  readonly #listeners: Array<(bytes: Uint8Array) => void> = [];
  /** Correlation id -> version of the Metadata requests awaiting an answer. */
  readonly #metadataRequests = new Map<number, number>();
  #pending = new Uint8Array(0);

  constructor(inner: Connection) {
    this.#inner = inner;
    inner.onData((bytes) => this.#receive(bytes));
  }

  get remote(): string {
    return this.#inner.remote;
  }

  get closed(): boolean {
    return this.#inner.closed;
  }

  write(bytes: Uint8Array): void {
    // kafkajs writes one whole request frame per write: int32 size, int16 api key, int16 version, int32 correlation id.
    if (bytes.byteLength >= 12) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (view.getInt16(4) === API_KEYS.Metadata) this.#metadataRequests.set(view.getInt32(8), view.getInt16(6));
    }
    this.#inner.write(bytes);
  }

  close(): void {
    this.#inner.close();
  }

  destroy(): void {
    this.#inner.destroy();
  }

  onData(listener: (bytes: Uint8Array) => void): void {
    this.#listeners.push(listener);
  }

  onClose(listener: (reason?: Error) => void): void {
    this.#inner.onClose(listener);
  }

  /** Passes whole answers on, one frame at a time, rewriting Metadata answers. */
  #receive(bytes: Uint8Array): void {
    const buffered = new Uint8Array(this.#pending.byteLength + bytes.byteLength);
    buffered.set(this.#pending);
    buffered.set(bytes, this.#pending.byteLength);
    let at = 0;
    while (buffered.byteLength - at >= 8) {
      const view = new DataView(buffered.buffer, buffered.byteOffset + at);
      const size = view.getInt32(0);
      if (buffered.byteLength - at < 4 + size) break;
      const frame = buffered.subarray(at, at + 4 + size);
      const version = this.#metadataRequests.get(view.getInt32(4));
      this.#metadataRequests.delete(view.getInt32(4));
      this.#emit(version === undefined ? frame : rewritten(frame, version));
      at += 4 + size;
    }
    this.#pending = buffered.slice(at);
  }

  #emit(bytes: Uint8Array): void {
    for (const listener of this.#listeners) listener(bytes);
  }
}

function rewritten(frame: Uint8Array, version: number): Uint8Array {
  if (version >= FIRST_FLEXIBLE_METADATA_VERSION) return frame;
  let decoded;
  try {
    decoded = decodeResponseFrame(API_KEYS.Metadata, version, frame.subarray(4));
  } catch {
    return frame;
  }
  let changed = false;
  for (const topic of decoded.body.topics) {
    for (const partition of topic.partitions) {
      if (partition.errorCode === KAFKA_ERRORS.LEADER_NOT_AVAILABLE.code) {
        partition.errorCode = 0;
        changed = true;
      }
    }
  }
  return changed ? encodeResponseFrame(API_KEYS.Metadata, version, decoded.correlationId, decoded.body) : frame;
}
