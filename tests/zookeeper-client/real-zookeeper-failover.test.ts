/**
 * Failover against a real 3-node ZooKeeper 3.8 ensemble: the client must keep its session (and so its
 * ephemeral nodes and watches) when the server it talks to dies, when the leader dies, and when its
 * server hangs (read timeout). Skipped on a machine without Java ZooKeeper, except in CI.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import { ErrorCode, ZooKeeperClient, ZooKeeperError } from '../../src/cluster/zookeeper/client/index.ts';
import type { WatchEvent, ZooKeeperClientOptions, ZooKeeperClientState } from '../../src/cluster/zookeeper/client/index.ts';
import { describeWithPeer } from '../support/peers.ts';
import { startRealZooKeeper } from '../support/real-zookeeper.ts';
import type { RealZooKeeperEnsemble } from '../support/real-zookeeper.ts';
import { recorder, waitFor, within } from './support/wait.ts';

const TICK_MS = 500;
/** Long enough to outlive a failover (sessions survive re-election), short enough for the tests. */
const SESSION_MS = 6000;

/** Retries `op` while the ensemble is failing over (CONNECTIONLOSS), for at most `timeoutMs`. */
async function retrying<T>(op: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await op();
    } catch (error) {
      if (!(error instanceof ZooKeeperError) || error.code !== ErrorCode.CONNECTIONLOSS || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describeWithPeer('zookeeper', 'ZooKeeperClient failover on a real 3-node ensemble', () => {
  let zk: RealZooKeeperEnsemble;
  const clients: ZooKeeperClient[] = [];

  async function client(options: Partial<ZooKeeperClientOptions> = {}): Promise<ZooKeeperClient> {
    const c = new ZooKeeperClient({
      connectString: zk.connectString,
      transport: new TcpTransport(),
      sessionTimeoutMs: SESSION_MS,
      ...options,
    });
    clients.push(c);
    await within(c.connect(), 15_000, 'a ZooKeeper session');
    return c;
  }

  beforeAll(async () => {
    zk = await startRealZooKeeper({ nodes: 3, tickTime: TICK_MS });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close().catch(() => {})));
    // Bring every node back for the next test.
    for (const { id } of zk.servers) if ((await zk.mode(id)) === 'down') await zk.start(id, { wait: false });
    await zk.waitUntilServing(20_000);
  });

  afterAll(async () => {
    await zk?.close();
  });

  it('moves to another server with the same session when its server is killed', async () => {
    const a = await client();
    const b = await client();
    await retrying(() => a.mkdirp('/failover/kill-server'));
    const eph = await a.create('/failover/kill-server/eph', 'a', 'ephemeral');
    await a.create('/failover/kill-server/watched', 'v0');
    const watch = recorder<WatchEvent>();
    await a.getData('/failover/kill-server/watched', watch.push);
    const sessionId = a.sessionId;
    const killed = zk.idOf(a.connectedServer)!;
    const states: ZooKeeperClientState[] = [];
    a.on('state', (s) => states.push(s));

    await zk.kill(killed);
    await waitFor(() => states.includes('connected'), 10_000, 'the client to reconnect');
    expect(states).toEqual(['disconnected', 'connected']);
    expect(a.sessionId).toBe(sessionId);
    expect(zk.idOf(a.connectedServer)).not.toBe(killed);

    const stat = await retrying(() => b.exists(eph));
    expect(stat?.ephemeralOwner).toBe(sessionId);
    await retrying(() => b.setData('/failover/kill-server/watched', 'v1'));
    expect(await watch.next(5000, 'the watch set before the failover')).toEqual({
      type: 'data-changed',
      path: '/failover/kill-server/watched',
    });
    expect(await a.create('/failover/kill-server/after', 'ok')).toBe('/failover/kill-server/after');
  });

  it('keeps working after the leader is killed and a new one is elected', async () => {
    const a = await client();
    const b = await client();
    await retrying(() => a.mkdirp('/failover/kill-leader'));
    const eph = await a.create('/failover/kill-leader/eph', 'a', 'ephemeral');
    await a.create('/failover/kill-leader/watched', 'v0');
    const watch = recorder<WatchEvent>();
    await a.getData('/failover/kill-leader/watched', watch.push);
    const sessionId = a.sessionId;
    const leader = await zk.leader();

    await zk.kill(leader);
    const newLeader = await zk.leader(15_000);
    expect(newLeader).not.toBe(leader);

    expect(await retrying(() => a.create('/failover/kill-leader/after', 'ok'))).toBe('/failover/kill-leader/after');
    expect(a.state).toBe('connected');
    expect(a.sessionId).toBe(sessionId);
    expect(zk.idOf(a.connectedServer)).not.toBe(leader);
    expect((await retrying(() => b.exists(eph)))?.ephemeralOwner).toBe(sessionId);
    await retrying(() => b.setData('/failover/kill-leader/watched', 'v1'));
    expect(await watch.next(5000, 'the watch set before the election')).toEqual({
      type: 'data-changed',
      path: '/failover/kill-leader/watched',
    });
  });

  it('pings while idle and leaves a hung server after the read timeout', async () => {
    const leader = await zk.leader();
    const followers = zk.servers.filter((s) => s.id !== leader).map((s) => `${s.host}:${s.clientPort}`);
    // Only followers: freezing the leader would also start an election.
    const a = await client({ connectString: followers.join(','), sessionTimeoutMs: 3000 });
    expect(a.negotiatedTimeoutMs).toBe(3000);
    const states: ZooKeeperClientState[] = [];
    a.on('state', (s) => states.push(s));

    // Proving a negative: idle for a bounded IDLE_MS, longer than the 2 s read timeout, and pings must
    // keep the connection (no state change at all).
    const IDLE_MS = 2500;
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    expect(states).toEqual([]);

    const frozen = zk.idOf(a.connectedServer)!;
    const sessionId = a.sessionId;
    const started = Date.now();
    zk.pause(frozen);
    try {
      await waitFor(() => states.includes('connected'), 8000, 'the client to leave the hung server');
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(1500);
      expect(states).toEqual(['disconnected', 'connected']);
      expect(a.sessionId).toBe(sessionId);
      expect(zk.idOf(a.connectedServer)).not.toBe(frozen);
      expect(await a.exists('/')).not.toBeNull();
    } finally {
      zk.resume(frozen);
    }
  });
});
