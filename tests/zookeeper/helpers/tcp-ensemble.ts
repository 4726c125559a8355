/** A real-TCP ensemble on free ports with its log lines captured, for tests with real clients. */
import type { LogLine } from '../../../src/cluster/logger.ts';
import { createLogger } from '../../../src/cluster/logger.ts';
import { TcpTransport } from '../../../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperEnsemble } from '../../../src/cluster/zookeeper/zookeeper-ensemble.ts';
import type { ZooKeeperEnsembleOptions } from '../../../src/cluster/zookeeper/zookeeper-ensemble.ts';

export interface TcpEnsemble {
  zk: ZooKeeperEnsemble;
  transport: TcpTransport;
  logs: LogLine[];
  /** `host:port` of one member. */
  address(id: number): string;
  /** The member a client's session is connected to, found by its session id. */
  memberOf(sessionId: bigint): number | undefined;
}

export async function startTcpEnsemble(options: Partial<ZooKeeperEnsembleOptions> = {}): Promise<TcpEnsemble> {
  const transport = new TcpTransport();
  const logs: LogLine[] = [];
  const zk = await ZooKeeperEnsemble.start({
    transport,
    clientPorts: [0, 0, 0],
    tickTimeMs: 200,
    logger: createLogger((line) => logs.push(line), 'debug'),
    ...options,
  });
  return {
    zk,
    transport,
    logs,
    address: (id) => `127.0.0.1:${zk.status()[id - 1].clientPort}`,
    memberOf: (sessionId) =>
      zk.status().find((s) => zk.server(s.id)?.fourLetterSource().connections.some((c) => c.sessionId === sessionId))?.id,
  };
}
