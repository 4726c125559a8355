/**
 * One framed connection from the client to one ZooKeeper server: int32-length framing in both
 * directions, a connect timeout, and a single "closed" notification carrying the reason.
 */
import { FrameReader } from '../../transport/frame-reader.ts';
import type { Connection, Transport } from '../../transport/transport.ts';
import type { ServerAddress } from './connect-string.ts';

/**
 * Largest reply accepted: the client-side `jute.maxbuffer` that Kafka's ZooKeeper client sets (4 MiB; the
 * plain Java client's own default is 0xfffff since ZooKeeper 3.5), so a broker reads large child lists.
 */
export const MAX_REPLY_BYTES = 4 * 1024 * 1024;

export class ServerConnection {
  /** `host:port` of the server. */
  readonly address: string;
  readonly #connection: Connection;
  readonly #frames = new FrameReader(MAX_REPLY_BYTES);
  #onFrame: (frame: Uint8Array) => void = () => {};
  #onClosed: (reason: string) => void = () => {};
  #closed = false;
  #closeReason = 'closed by the server';
  #buffered: Uint8Array[] = [];

  private constructor(connection: Connection, address: string) {
    this.#connection = connection;
    this.address = address;
    connection.onData((bytes) => this.#receive(bytes));
    connection.onClose((error) => this.#shut(error ? `${this.#closeReason}: ${error.message}` : this.#closeReason));
  }

  /** Dials `server`, rejecting after `timeoutMs`. */
  static async open(transport: Transport, server: ServerAddress, timeoutMs: number): Promise<ServerConnection> {
    const address = `${server.host}:${server.port}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const dial = transport.connect(server.host, server.port);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no TCP connection to ${address} within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const connection = await Promise.race([dial, timeout]);
      return new ServerConnection(connection, address);
    } catch (error) {
      // A connection that completes after the timeout must not leak.
      dial.then((late) => late.destroy(), () => {});
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Starts delivering frames (frames that arrived earlier are delivered now) and the close notice. */
  attach(onFrame: (frame: Uint8Array) => void, onClosed: (reason: string) => void): void {
    this.#onFrame = onFrame;
    this.#onClosed = onClosed;
    // Dispatch through the field: a handler may swap itself out (the handshake does).
    for (const frame of this.#buffered.splice(0)) this.#onFrame(frame);
    if (this.#closed) onClosed(this.#closeReason);
  }

  /** Waits for the first frame (the ConnectResponse), rejecting on close or after `timeoutMs`. */
  firstFrame(timeoutMs: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.destroy(`no ConnectResponse within ${timeoutMs} ms`);
      }, timeoutMs);
      this.attach(
        (frame) => {
          clearTimeout(timer);
          this.#onFrame = (next) => this.#buffered.push(next);
          this.#onClosed = () => {};
          resolve(frame);
        },
        (reason) => {
          clearTimeout(timer);
          reject(new Error(reason));
        },
      );
    });
  }

  /** Writes one already framed packet. */
  send(packet: Uint8Array): void {
    if (!this.#closed) this.#connection.write(packet);
  }

  /** Closes gracefully (queued writes are flushed first). */
  close(reason: string): void {
    if (this.#closed) return;
    this.#closeReason = reason;
    this.#connection.close();
  }

  /** Drops the connection at once. */
  destroy(reason: string): void {
    if (this.#closed) return;
    this.#closeReason = reason;
    this.#connection.destroy();
    // Some transports report the close asynchronously; the client must see it now.
    this.#shut(reason);
  }

  #receive(bytes: Uint8Array): void {
    if (this.#closed) return;
    let frames: Uint8Array[];
    try {
      frames = this.#frames.push(bytes);
    } catch (error) {
      this.destroy(`bad frame from ${this.address}: ${(error as Error).message}`);
      return;
    }
    for (const frame of frames) {
      if (this.#closed) return;
      this.#onFrame(frame);
    }
  }

  #shut(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#onClosed(reason);
  }
}
