/** Ready when a ZooKeeper member serves clients: `srvr` answers with a mode (it leads, follows, or runs alone). */
import { fourLetterWord, srvrMode } from '../four-letter-word.ts';
import type { WaitStrategy } from './wait-strategy.ts';

export function zookeeperServingWait(name: string, host: string, port: number): WaitStrategy {
  return {
    description: `${name} to serve (srvr on ${host}:${port} shows a Mode)`,
    async probe() {
      const mode = srvrMode(await fourLetterWord(host, port, 'srvr', 2000));
      return { ready: mode !== 'not serving', saw: mode === 'not serving' ? 'not currently serving requests' : `Mode: ${mode}` };
    },
  };
}
