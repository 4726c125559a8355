/** Ready when a TCP port accepts a connection (a published port, from the host). */
import { connect } from 'node:net';
import type { WaitStrategy } from './wait-strategy.ts';

export function portWait(host: string, port: number, what = `${host}:${port}`): WaitStrategy {
  return {
    description: `${what} to accept connections`,
    probe: () =>
      new Promise((resolve) => {
        const socket = connect({ host, port });
        const done = (ready: boolean, saw: string) => {
          socket.destroy();
          resolve({ ready, saw });
        };
        socket.setTimeout(1000, () => done(false, 'no answer within 1 s'));
        socket.on('connect', () => done(true, 'accepted'));
        socket.on('error', (error: NodeJS.ErrnoException) => done(false, error.code ?? error.message));
      }),
  };
}
