/**
 * ZooKeeper's four-letter words from the host, over a published client port: `srvr` says a member's mode
 * (`Mode: leader`), or "This ZooKeeper instance is not currently serving requests" without a quorum.
 */
import { connect } from 'node:net';

/** Sends `word` and resolves with everything the server wrote before it closed (or `timeoutMs` passed). */
export function fourLetterWord(host: string, port: number, word: string, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${word} to ${host}:${port}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => socket.end(word));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

export type SrvrMode = 'leader' | 'follower' | 'standalone' | 'observer' | 'not serving';

/** The `Mode:` line of a `srvr` answer; `not serving` for a member without a quorum (or an empty answer). */
export function srvrMode(answer: string): SrvrMode {
  const mode = /^Mode: (\w+)/m.exec(answer)?.[1];
  return mode === 'leader' || mode === 'follower' || mode === 'standalone' || mode === 'observer' ? mode : 'not serving';
}
