/**
 * Smoke test: the client's operation suite (the one real ZooKeeper 3.8 passes) against our embedded
 * 3-node ensemble over the in-memory transport.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { MemoryTransport } from '../../src/cluster/transport/memory-transport.ts';
import { ZooKeeperEnsemble } from '../../src/cluster/zookeeper/zookeeper-ensemble.ts';
import { operationSuite } from './support/operation-suite.ts';

const TICK_MS = 500;

describe('ZooKeeperClient against the embedded ensemble', () => {
  const transport = new MemoryTransport();
  let ensemble: ZooKeeperEnsemble;

  beforeAll(async () => {
    ensemble = await ZooKeeperEnsemble.start({
      transport,
      clientPorts: [0, 0, 0],
      tickTimeMs: TICK_MS,
      minSessionTimeoutMs: 2 * TICK_MS,
      maxSessionTimeoutMs: 20 * TICK_MS,
    });
    await ensemble.waitForQuorum(10_000);
  });

  afterAll(async () => {
    await ensemble?.close();
  });

  operationSuite(() => ({
    connectString: ensemble.connectString(),
    transport: () => transport,
    minSessionTimeoutMs: 2 * TICK_MS,
  }));
});
