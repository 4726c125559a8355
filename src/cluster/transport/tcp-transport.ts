import net from 'node:net';
import type { Connection, Listener, Transport } from './transport.ts';

/** Wraps a `net.Socket` as a transport `Connection`. */
export function socketConnection(socket: net.Socket): Connection {
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
      // Hand out plain Uint8Array views, as every other transport does: a Node Buffer behaves
      // differently (its slice() is a view, JSON.stringify turns it into {type, data}).
      socket.on('data', (chunk: Buffer) => listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    },
    onClose(listener) {
      if (closed) queueMicrotask(() => listener(failure));
      else closeListeners.push(listener);
    },
  };
}

/** Real TCP sockets: what kafkajs, kcat, zkCli and kazoo connect to. */
export class TcpTransport implements Transport {
  async listen(host: string, port: number, onConnection: (connection: Connection) => void): Promise<Listener> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      onConnection(socketConnection(socket));
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
      const socket = net.connect({ host, port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socketConnection(socket));
      });
    });
  }
}
