/**
 * The byte-stream transport every embedded node listens and dials on.
 *
 * The cluster never touches `node:net` directly: a node is given a `Transport`, so the same ZooKeeper
 * and Kafka code runs over TCP (for real clients such as kafkajs, kcat, zkCli), over in-memory pipes
 * (fast, deterministic tests) and, later, inside a browser tab.
 */

/** One open, ordered, reliable byte stream between two endpoints. */
export interface Connection {
  /** A readable label for logs, such as `127.0.0.1:53122`. */
  readonly remote: string;
  /** Queues bytes for the peer. Writing to a closed connection is a no-op. */
  write(bytes: Uint8Array): void;
  /** Closes gracefully (pending writes are flushed). Idempotent. */
  close(): void;
  /** Closes at once, dropping anything not yet delivered, as a crashed process would. Idempotent. */
  destroy(): void;
  /** Called with each chunk of bytes as it arrives, in order. Chunks do not respect frame boundaries. */
  onData(listener: (bytes: Uint8Array) => void): void;
  /**
   * Optional, instead of `onData`, where the transport can read a payload straight into its own buffer (TCP
   * connections this side opened): called with each whole `int32 length + payload` frame (the payload, a
   * buffer of its own). A length below 0 or above `maxFrameBytes` calls `onError` with a `FrameTooLargeError`
   * and stops reading. Use `receiveFrames` (./receive-frames.ts), which falls back to `onData` + `FrameReader`.
   */
  onFrames?(maxFrameBytes: number, listener: (frame: Uint8Array) => void, onError: (error: Error) => void): void;
  /** Called once when the connection is closed by either side or fails. */
  onClose(listener: (reason?: Error) => void): void;
  readonly closed: boolean;
}

/** A listening endpoint. */
export interface Listener {
  readonly host: string;
  /** The bound port (the real one when 0 was asked for). */
  readonly port: number;
  /** Stops accepting and destroys every connection accepted through this listener. */
  close(): Promise<void>;
}

export interface Transport {
  /** Binds `host:port` (port 0 picks a free one) and calls `onConnection` for each accepted peer. */
  listen(host: string, port: number, onConnection: (connection: Connection) => void): Promise<Listener>;
  /** Opens a connection; rejects when nothing listens there. */
  connect(host: string, port: number): Promise<Connection>;
}
