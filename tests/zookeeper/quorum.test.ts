/**
 * Quorum behaviour seen by real clients over TCP: leader failover, loss and return of the quorum,
 * sessions that move between members. node-zookeeper-client drives it (npm, always available); nc
 * checks what the four-letter words say (skipped without netcat outside CI).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/cluster/zookeeper/server/testing/wait.ts';
import { connectNzc, nz, nzc, text } from './helpers/nzc.ts';
import type { NzcClient } from './helpers/nzc.ts';
import { describeWithPeer } from '../support/peers.ts';
import { run } from './helpers/peers.ts';
import { startTcpEnsemble } from './helpers/tcp-ensemble.ts';
import type { TcpEnsemble } from './helpers/tcp-ensemble.ts';

let ensemble: TcpEnsemble | undefined;
let client: NzcClient | undefined;

afterEach(async () => {
  client?.close();
  client = undefined;
  await ensemble?.zk.close();
  ensemble = undefined;
});

const sessionOf = (c: NzcClient) => BigInt(`0x${c.getSessionId().toString('hex')}`);

describe('quorum behaviour with node-zookeeper-client', () => {
  it('elects a new leader when the leader is killed; no committed write is lost and the session goes on', async () => {
    ensemble = await startTcpEnsemble();
    const { zk } = ensemble;
    const leader = zk.leaderId() as number;
    const connected = await connectNzc(zk.connectString(), 4000);
    client = connected.client;
    const c = client;
    for (let i = 0; i < 50; i++) await nz(c).create(`/w-${i}`, Buffer.from(String(i)), nzc.CreateMode.PERSISTENT);
    const session = sessionOf(c);

    const killedAt = Date.now();
    await zk.killNode(leader);
    await zk.waitForQuorum(5000);
    const electedIn = Date.now() - killedAt;
    expect(zk.leaderId()).not.toBe(leader);
    // Members notice the dead leader at once (its connections reset); the vote settles after finalizeWait.
    expect(electedIn).toBeLessThan(5 * zk.tickTimeMs);

    await waitUntil(() => connected.states.at(-1) === 'SYNC_CONNECTED', 'the client connected', 10_000);
    const [children] = await nz(c).getChildren('/');
    for (let i = 0; i < 50; i++) expect(children).toContain(`w-${i}`);
    const [data] = await nz(c).getData('/w-49');
    expect(text(data)).toBe('49');
    expect(sessionOf(c)).toBe(session);
    await nz(c).create('/after-failover', null, nzc.CreateMode.PERSISTENT);
  });

  it('keeps the session and its watches when the member it is on dies (SetWatches on reconnect)', async () => {
    ensemble = await startTcpEnsemble();
    const { zk } = ensemble;
    const connected = await connectNzc(zk.connectString(), 4000);
    client = connected.client;
    const c = client;
    await nz(c).create('/moving', Buffer.from('a'), nzc.CreateMode.EPHEMERAL);
    const fired: string[] = [];
    await nz(c).getData('/moving', (event) => fired.push(`${event.name}@${event.path}`));
    const session = sessionOf(c);
    const member = ensemble.memberOf(session) as number;
    expect(member).toBeGreaterThan(0);

    await zk.killNode(member);
    await waitUntil(() => connected.states.includes('DISCONNECTED'), 'the client to notice');
    await waitUntil(() => connected.states.at(-1) === 'SYNC_CONNECTED', 'the client to reconnect', 10_000);
    await zk.waitForQuorum(5000);
    expect(sessionOf(c)).toBe(session);
    expect(ensemble.memberOf(session)).not.toBe(member);
    expect(ensemble.logs.some((l) => l.message.startsWith('re-established session'))).toBe(true);
    // The ephemeral survived the move; the data watch was re-registered with setWatches.
    const [stat] = await nz(c).exists('/moving');
    expect(stat?.ephemeralOwner.equals(c.getSessionId())).toBe(true);
    await nz(c).setData('/moving', Buffer.from('b'), -1);
    await waitUntil(() => fired.length > 0, 'the watch to fire');
    expect(fired).toEqual(['NODE_DATA_CHANGED@/moving']);
  });

  it('refuses service with two of three members down and serves again, data intact, when one returns', async () => {
    ensemble = await startTcpEnsemble();
    const { zk } = ensemble;
    const lost: string[] = [];
    zk.on('quorum-lost', () => lost.push('lost'));
    zk.on('quorum-regained', (id) => lost.push(`regained by ${id}`));
    const connected = await connectNzc(zk.connectString(), 4000);
    client = connected.client;
    const c = client;
    await nz(c).create('/kept', Buffer.from('safe'), nzc.CreateMode.PERSISTENT);
    const survivor = ensemble.memberOf(sessionOf(c)) as number;
    const [a, b] = [1, 2, 3].filter((id) => id !== survivor);
    await zk.killNode(a);
    await zk.killNode(b);
    await waitUntil(() => connected.states.includes('DISCONNECTED'), 'connection loss');
    expect(zk.status().find((s) => s.id === survivor)).toMatchObject({ running: true, mode: 'looking', serving: false });
    expect(lost).toEqual(['lost']);

    // Requests cannot complete while there is no quorum. Proving a negative: a bounded window of
    // NO_ANSWER_WINDOW_MS in which the read must not be answered (it may fail or stay pending).
    const NO_ANSWER_WINDOW_MS = 500;
    const pending = nz(c).getData('/kept');
    const outcome = await Promise.race([
      pending.then(() => 'answered', () => 'failed'),
      new Promise((resolve) => setTimeout(() => resolve('no answer within the window'), NO_ANSWER_WINDOW_MS)),
    ]);
    expect(outcome).not.toBe('answered');

    await zk.startNode(a);
    await zk.waitForQuorum(5000);
    await waitUntil(() => connected.states.at(-1) === 'SYNC_CONNECTED', 'the client back', 10_000);
    const [data] = await nz(c).getData('/kept');
    expect(text(data)).toBe('safe');
    expect(lost).toEqual(['lost', `regained by ${zk.leaderId()}`]);
  });
});

describeWithPeer('nc', 'four-letter words over TCP with nc', () => {
  it('srvr shows Mode leader|follower, and "not currently serving" without a quorum', async () => {
    ensemble = await startTcpEnsemble();
    const { zk } = ensemble;
    const srvr = async (id: number) => (await run('nc', ['-N', '127.0.0.1', String(zk.status()[id - 1].clientPort)], { input: 'srvr', timeoutMs: 5000 })).stdout;
    const modes = await Promise.all([1, 2, 3].map(async (id) => (await srvr(id)).match(/Mode: (\w+)/)?.[1]));
    expect(modes.sort()).toEqual(['follower', 'follower', 'leader']);
    const ruok = await run('nc', ['-N', '127.0.0.1', String(zk.status()[0].clientPort)], { input: 'ruok' });
    expect(ruok.stdout).toBe('imok');
    await zk.killNode(2);
    await zk.killNode(3);
    await waitUntil(() => zk.status()[0].mode === 'looking', 'member 1 looking');
    expect(await srvr(1)).toBe('This ZooKeeper instance is not currently serving requests\n');
  });
});
