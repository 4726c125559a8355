/**
 * Our ZooKeeper client against a real ZooKeeper 3.8 server (Debian's package): every operation, watches,
 * reconnects and session expiry. Skipped on a machine without Java ZooKeeper, except in CI.
 */
import { afterAll, beforeAll } from 'vitest';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import { describeWithPeer } from '../support/peers.ts';
import { startRealZooKeeper } from '../support/real-zookeeper.ts';
import type { RealZooKeeperEnsemble } from '../support/real-zookeeper.ts';
import { operationSuite } from './support/operation-suite.ts';

const TICK_MS = 500;

describeWithPeer('zookeeper', 'ZooKeeperClient against real ZooKeeper 3.8', () => {
  let zk: RealZooKeeperEnsemble;

  beforeAll(async () => {
    zk = await startRealZooKeeper({ nodes: 1, tickTime: TICK_MS });
  });

  afterAll(async () => {
    await zk?.close();
  });

  operationSuite(() => ({
    connectString: zk.connectString,
    transport: () => new TcpTransport(),
    minSessionTimeoutMs: 2 * TICK_MS,
  }));
});
