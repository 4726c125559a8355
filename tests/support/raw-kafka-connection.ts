/**
 * A bare TCP connection to a Kafka port for wire-level tests: send any bytes, then wait for an event:
 * the next response frame, or the broker closing the connection. Every wait is bounded and fails with
 * what was seen; nothing waits a fixed time.
 *
 *   const raw = await RawKafkaConnection.open(port);
 *   raw.send(frame);
 *   const reply = await raw.nextFrame();   // the frame body, after the int32 length
 *   await raw.closedByBroker();            // or: the broker hung up on us
 */
import net from 'node:net';

export class RawKafkaConnection {
  readonly #socket: net.Socket;
  #buffered = Buffer.alloc(0);
  readonly #frames: Buffer[] = [];
  #closed = false;
  #wake: (() => void) | undefined;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffered = Buffer.concat([this.#buffered, chunk]);
      while (this.#buffered.length >= 4 && this.#buffered.length >= 4 + this.#buffered.readInt32BE(0)) {
        const length = this.#buffered.readInt32BE(0);
        this.#frames.push(this.#buffered.subarray(4, 4 + length));
        this.#buffered = this.#buffered.subarray(4 + length);
      }
      this.#wake?.();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawKafkaConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawKafkaConnection(socket));
      });
    });
  }

  /** True once the broker (or `destroy`) closed the connection. */
  get closed(): boolean {
    return this.#closed;
  }

  send(bytes: Uint8Array): void {
    this.#socket.write(bytes);
  }

  /** The next whole response frame (without its length prefix); fails if the connection closes first. */
  async nextFrame(timeoutMs = 5000): Promise<Buffer> {
    await this.#until(() => this.#frames.length > 0 || this.#closed, timeoutMs, 'a response frame');
    const frame = this.#frames.shift();
    if (!frame) throw new Error(`the broker closed the connection instead of answering (${this.#buffered.length} stray bytes)`);
    return frame;
  }

  /** Resolves when the broker closes the connection; fails if it answers or stays open instead. */
  async closedByBroker(timeoutMs = 5000): Promise<void> {
    await this.#until(() => this.#closed, timeoutMs, 'the broker to close the connection');
    if (this.#frames.length > 0) throw new Error(`the broker answered (${this.#frames.length} frames) before closing`);
  }

  destroy(): void {
    this.#socket.destroy();
  }

  async #until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (closed: ${this.#closed}, ${this.#frames.length} frames)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }
}
