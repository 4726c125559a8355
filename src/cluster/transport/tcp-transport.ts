import net from 'node:net';
import { FrameReceiver } from './frame-receiver.ts';
import type { Connection, Listener, Transport } from './transport.ts';

/**
 * Reads a socket opened with Node's `onread`: each read lands where `receiver.nextBuffer()` says (a frame's own
 * buffer, else a reused scratch buffer) and `deliver` is called with what arrived. Node emits no 'data' then.
 */
class SteeredReads {
  readonly receiver = new FrameReceiver();
  deliver: (count: number, into: Uint8Array) => void = () => {};

  /** The `onread` option for `net.connect`. */
  get onread(): net.OnReadOpts {
    return {
      buffer: () => this.receiver.nextBuffer(),
      callback: (count: number, into: Uint8Array) => {
        this.deliver(count, into);
        return true;
      },
    };
  }
}

/**
 * Wraps a `net.Socket` as a transport `Connection`. With `steered` (sockets this side opened), reads go
 * through a `FrameReceiver` and the connection offers `onFrames`.
 */
export function socketConnection(socket: net.Socket, steered?: SteeredReads): Connection {
  const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
  socket.setNoDelay(true);
  let closed = false;
  const closeListeners: Array<(reason?: Error) => void> = [];
  // Writes of one tick (a response's header and its records, several responses) leave in one vectored
  // write: the socket is corked at the first and uncorked once the tick's code has run.
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  let failure: Error | undefined;
  socket.on('error', (error) => {
    failure = error;
  });
  socket.on('close', () => {
    closed = true;
    for (const listener of closeListeners.splice(0)) listener(failure);
  });
  // Steered reads: chunks (before framing) go to the data listeners, or wait for the first one.
  const dataListeners: Array<(bytes: Uint8Array) => void> = [];
  const pending: Uint8Array[] = [];
  let onFrame: ((frame: Uint8Array) => void) | undefined;
  let onFrameError: ((error: Error) => void) | undefined;
  let failed = false;
  if (steered) {
    steered.deliver = (count, into) => {
      if (failed) return;
      let out: Uint8Array[];
      try {
        out = steered.receiver.received(count, into);
      } catch (error) {
        failed = true;
        onFrameError?.(error as Error);
        return;
      }
      if (onFrame) for (const frame of out) onFrame(frame);
      else if (dataListeners.length > 0) for (const chunk of out) for (const listener of dataListeners) listener(chunk);
      else pending.push(...out);
    };
  }
  return {
    remote,
    get closed() {
      return closed || socket.destroyed;
    },
    write(bytes) {
      if (socket.destroyed || !socket.writable) return;
      if (!corked) {
        corked = true;
        socket.cork();
        process.nextTick(uncork);
      }
      socket.write(bytes);
    },
    close() {
      if (!socket.destroyed) socket.end();
      // A peer that never answers our FIN would keep the socket half-open: bound it.
      setTimeout(() => socket.destroy(), 2000).unref();
    },
    destroy() {
      socket.destroy();
    },
    onData(listener) {
      if (steered) {
        dataListeners.push(listener);
        for (const chunk of pending.splice(0)) listener(chunk);
        return;
      }
      // Hand out plain Uint8Array views, as every other transport does: a Node Buffer behaves
      // differently (its slice() is a view, JSON.stringify turns it into {type, data}).
      socket.on('data', (chunk: Buffer) => listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    },
    ...(steered && {
      onFrames(maxFrameBytes: number, listener: (frame: Uint8Array) => void, onError: (error: Error) => void) {
        onFrame = listener;
        onFrameError = onError;
        let frames: Uint8Array[];
        try {
          frames = steered.receiver.startFraming(maxFrameBytes, pending.splice(0));
        } catch (error) {
          failed = true;
          onError(error as Error);
          return;
        }
        for (const frame of frames) listener(frame);
      },
    }),
    onClose(listener) {
      if (closed) queueMicrotask(() => listener(failure));
      else closeListeners.push(listener);
    },
  };
}

/**
 * An accepted socket re-opened with `onread`, which `net.Server` does not offer: the same OS handle in a new
 * `net.Socket` (as Node itself builds sockets around accepted handles), the first one retired so the server's
 * connection count stays right. Produce requests are then read straight into their own buffers, as follower
 * fetch responses are. Returns `accepted` itself (still paused) if this Node does not allow it.
 */
function withSteeredReads(accepted: net.Socket, steered: SteeredReads): net.Socket {
  const internals = accepted as unknown as { _handle: unknown };
  const handle = internals._handle;
  if (!handle) return accepted;
  try {
    const socket = new net.Socket({ handle, readable: true, writable: true, onread: steered.onread } as net.SocketConstructorOpts);
    internals._handle = null;
    accepted.destroy();
    return socket;
  } catch {
    return accepted;
  }
}

/** Real TCP sockets: what kafkajs, kcat, zkCli and kazoo connect to. */
export class TcpTransport implements Transport {
  async listen(host: string, port: number, onConnection: (connection: Connection) => void): Promise<Listener> {
    const sockets = new Set<net.Socket>();
    // Paused on accept, so that reading can start through a FrameReceiver (see `withSteeredReads`).
    const server = net.createServer({ pauseOnConnect: true }, (accepted) => {
      const steered = new SteeredReads();
      const socket = withSteeredReads(accepted, steered);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      onConnection(socketConnection(socket, socket === accepted ? undefined : steered));
      if (socket === accepted) socket.resume();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as net.AddressInfo;
    return {
      host,
      port: address.port,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        }),
    };
  }

  connect(host: string, port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const steered = new SteeredReads();
      const socket = net.connect({ host, port, onread: steered.onread });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socketConnection(socket, steered));
      });
    });
  }
}
