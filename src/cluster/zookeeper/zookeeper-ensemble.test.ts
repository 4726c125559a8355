import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../logger.ts';
import { createLogger } from '../logger.ts';
import { MemoryTransport } from '../transport/memory-transport.ts';
import { CreateMode, ErrorCode, EventType, OpCode, writeSetWatches } from './protocol/index.ts';
import { MemoryStorage } from './server/storage.ts';
import { fourLetterWord } from './server/testing/four-letter.ts';
import { RawClient } from './server/testing/raw-client.ts';
import { waitUntil } from './server/testing/wait.ts';
import { ZooKeeperEnsemble } from './zookeeper-ensemble.ts';
import type { ZooKeeperEnsembleOptions } from './zookeeper-ensemble.ts';

const host = '127.0.0.1';
const tickTimeMs = 100;
let ensemble: ZooKeeperEnsemble | undefined;
let transport: MemoryTransport;
const clients: RawClient[] = [];
const logs: LogLine[] = [];

async function start(options: Partial<ZooKeeperEnsembleOptions> = {}): Promise<ZooKeeperEnsemble> {
  transport = new MemoryTransport();
  logs.length = 0;
  ensemble = await ZooKeeperEnsemble.start({
    transport,
    clientPorts: [0, 0, 0],
    tickTimeMs,
    logger: createLogger((line) => logs.push(line), 'debug'),
    ...options,
  });
  return ensemble;
}

function port(id: number): number {
  return (ensemble as ZooKeeperEnsemble).status().find((s) => s.id === id)?.clientPort as number;
}

async function connect(id: number, options: Parameters<typeof RawClient.connect>[3] = {}): Promise<RawClient> {
  const client = await RawClient.connect(transport, host, port(id), options);
  clients.push(client);
  return client;
}

function leaderId(): number {
  const leader = ensemble?.status().find((s) => s.mode === 'leader' && s.serving);
  if (!leader) throw new Error(`no leader: ${JSON.stringify(ensemble?.status(), (_, v) => (typeof v === 'bigint' ? v.toString(16) : v))}`);
  return leader.id;
}

function followerIds(): number[] {
  return (ensemble as ZooKeeperEnsemble).status().filter((s) => s.mode === 'follower').map((s) => s.id);
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await ensemble?.close();
  ensemble = undefined;
});

describe('ZooKeeperEnsemble: election and replication', () => {
  it('starts three members with one leader and two followers in the first epoch', async () => {
    const started = Date.now();
    const zk = await start();
    expect(Date.now() - started).toBeLessThan(1000);
    const status = zk.status();
    expect(status.map((s) => s.name)).toEqual(['zookeeper-1', 'zookeeper-2', 'zookeeper-3']);
    expect(status.filter((s) => s.mode === 'leader')).toHaveLength(1);
    expect(status.filter((s) => s.mode === 'follower')).toHaveLength(2);
    expect(status.every((s) => s.running && s.serving)).toBe(true);
    // A new epoch starts at zxid epoch << 32, as `srvr` shows on a fresh real ensemble (0x100000000).
    expect(status.map((s) => s.lastZxid)).toEqual([0x1_0000_0000n, 0x1_0000_0000n, 0x1_0000_0000n]);
    expect(zk.connectString()).toBe(status.map((s) => `127.0.0.1:${s.clientPort}`).join(','));
    expect(zk.leaderId()).toBe(leaderId());
  });

  it('elects the member with the highest last zxid, then the highest id', async () => {
    const zk = await start();
    const first = leaderId();
    const [a, b] = followerIds();
    // Take follower `a` away, write, and take the leader away: `b` has the newest data and must win
    // even when `a` has a higher id.
    await zk.killNode(a);
    const client = await connect(b);
    await client.create('/newer', 'x');
    await client.close();
    await zk.killNode(first);
    await zk.startNode(a);
    await zk.waitForQuorum(3000);
    expect(leaderId()).toBe(b);
    await zk.startNode(first);
    await waitUntil(() => zk.status().every((s) => s.serving), 'all serving');
    expect(zk.server(a)?.tree.node('/newer')).toBeDefined();
  });

  it('replicates writes made through any member, in zxid order, to every member', async () => {
    const zk = await start();
    const clientsById = await Promise.all([1, 2, 3].map((id) => connect(id)));
    const created = await Promise.all(clientsById.map((c, i) => c.create(`/from-${i + 1}`, `v${i + 1}`)));
    expect(created).toEqual(['/from-1', '/from-2', '/from-3']);
    await waitUntil(() => zk.status().every((s) => s.lastZxid === zk.server(leaderId())?.lastZxid), 'members in sync');
    const czxids = created.map((path) => zk.server(1)?.tree.stat(path)?.czxid);
    expect(new Set(czxids).size).toBe(3);
    for (const id of [1, 2, 3]) {
      for (const path of created) expect(zk.server(id)?.tree.stat(path)).toEqual(zk.server(leaderId())?.tree.stat(path));
    }
  });

  it('makes a write visible to a reader on another member after sync', async () => {
    await start();
    const [a, b] = followerIds();
    const writer = await connect(a);
    const reader = await connect(b);
    await writer.create('/synced', 'yes');
    const sync = await reader.request(OpCode.sync, (w) => w.ustring('/synced'));
    expect(sync.header.err).toBe(0);
    expect(sync.body.ustring()).toBe('/synced');
    expect((await reader.getData('/synced')).data).toBe('yes');
    expect(reader.lastZxid).toBeGreaterThanOrEqual(writer.lastZxid);
  });

  it('answers a session in request order even when writes and reads interleave', async () => {
    await start();
    const client = await connect(followerIds()[0]);
    const replies = await Promise.all([
      client.request(OpCode.exists, (w) => w.ustring('/o').bool(false)),
      client.create('/o', 'a'),
      client.getData('/o'),
      client.setData('/o', 'b'),
      client.getData('/o'),
      client.request(OpCode.delete, (w) => w.ustring('/missing').int(-1)),
      client.getData('/o'),
    ]);
    expect(replies[0]).toMatchObject({ header: { err: ErrorCode.NONODE } });
    expect(replies[2]).toMatchObject({ data: 'a' });
    expect(replies[4]).toMatchObject({ data: 'b', stat: { version: 1 } });
    expect(replies[5]).toMatchObject({ header: { err: ErrorCode.NONODE } });
    expect(replies[6]).toMatchObject({ data: 'b' });
    const xids = client.wire.filter((e) => e.kind === 'reply').map((e) => (e.kind === 'reply' ? e.xid : 0));
    expect(xids).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('ZooKeeperEnsemble: failures', () => {
  it('elects a new leader when the leader is killed, keeps committed writes, and lets sessions move', async () => {
    const zk = await start();
    const leaders: number[] = [];
    zk.on('leader', (id) => leaders.push(id));
    const oldLeader = leaderId();
    const [follower] = followerIds();
    const onLeader = await connect(oldLeader);
    for (let i = 0; i < 20; i++) await onLeader.create(`/k-${i}`, String(i));
    const killedAt = Date.now();
    await zk.killNode(oldLeader);
    await onLeader.closed;
    await zk.waitForQuorum(3000);
    const failover = Date.now() - killedAt;
    expect(failover).toBeLessThan(1000);
    expect(leaderId()).not.toBe(oldLeader);
    expect(leaders).toEqual([leaderId()]);
    // The session moves: same id and password accepted by another member.
    const moved = await connect(follower === leaderId() ? followerIds()[0] ?? follower : follower, {
      sessionId: onLeader.sessionId,
      passwd: onLeader.passwd,
      lastZxidSeen: onLeader.lastZxid,
    });
    expect(moved.sessionId).toBe(onLeader.sessionId);
    const children = (await moved.getChildren('/')).children;
    for (let i = 0; i < 20; i++) expect(children).toContain(`k-${i}`);
    expect(zk.status().find((s) => s.id === oldLeader)).toMatchObject({ running: false, mode: 'stopped', serving: false });
  });

  it('never loses an acknowledged write when the leader dies with proposals in flight', async () => {
    const zk = await start();
    const oldLeader = leaderId();
    const writers = await Promise.all(followerIds().map((id) => connect(id)));
    const acknowledged: string[] = [];
    let killed: Promise<void> | undefined;
    const attempts = writers.flatMap((writer, w) =>
      Array.from({ length: 150 }, (_, i) =>
        writer.create(`/acked-${w}-${i}`).then(
          (path) => {
            acknowledged.push(path);
            if (acknowledged.length === 60) killed = zk.killNode(oldLeader);
          },
          () => undefined,
        ),
      ),
    );
    await Promise.all(attempts);
    await killed;
    await zk.waitForQuorum(3000);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    const check = await connect(leaderId());
    await check.request(OpCode.sync, (w) => w.ustring('/'));
    const children = new Set((await check.getChildren('/')).children);
    expect(acknowledged.filter((path) => !children.has(path.slice(1)))).toEqual([]);
    // Every serving member has the same tree.
    await waitUntil(() => new Set(zk.status().filter((s) => s.serving).map((s) => s.lastZxid)).size === 1, 'members in sync');
    const trees = zk.status().filter((s) => s.serving).map((s) => zk.server(s.id)?.tree.children('/'));
    expect(trees[1]).toEqual(trees[0]);
  });

  it('stops serving without a quorum and serves again, data intact, when a member returns', async () => {
    const zk = await start();
    const events: string[] = [];
    zk.on('quorum-lost', () => events.push('lost'));
    zk.on('quorum-regained', (id) => events.push(`regained:${id}`));
    const writer = await connect(1);
    await writer.create('/survives', 'data');
    const [survivor, ...others] = [1, 2, 3];
    const onSurvivor = await connect(survivor);
    await zk.killNode(others[0]);
    await zk.killNode(others[1]);
    // Its clients see connection loss; new connections are refused; 4lw says why.
    await onSurvivor.closed;
    await waitUntil(() => zk.status().find((s) => s.id === survivor)?.mode === 'looking', 'survivor looking');
    await expect(connect(survivor)).rejects.toThrow(/closed/);
    expect(await fourLetterWord(transport, host, port(survivor), 'srvr')).toBe('This ZooKeeper instance is not currently serving requests\n');
    expect(await fourLetterWord(transport, host, port(survivor), 'ruok')).toBe('imok');
    expect(events).toEqual(['lost']);
    expect(logs.some((l) => /closing connection .*not serving/.test(l.message))).toBe(true);

    await zk.startNode(others[0]);
    await zk.waitForQuorum(3000);
    expect(events).toEqual(['lost', `regained:${leaderId()}`]);
    const reader = await connect(survivor);
    expect((await reader.getData('/survives')).data).toBe('data');
    const restarted = await connect(others[0]);
    expect((await restarted.getData('/survives')).data).toBe('data');
  });

  it('catches a returning member up (DIFF and SNAP) before it serves', async () => {
    const zk = await start();
    const [lagging] = followerIds();
    await zk.killNode(lagging);
    const writer = await connect(leaderId());
    for (let i = 0; i < 10; i++) await writer.create(`/while-down-${i}`);
    await zk.startNode(lagging);
    await waitUntil(() => zk.status().find((s) => s.id === lagging)?.serving === true, 'lagging member serving');
    // It may only answer once it has everything committed before it came back.
    const reader = await connect(lagging);
    expect((await reader.getChildren('/')).children).toEqual(expect.arrayContaining(['while-down-0', 'while-down-9']));
    expect(logs.some((l) => /syncing follower \d with DIFF of 1\d transactions/.test(l.message))).toBe(true);

  });

  it('gets a member whose disk was wiped up to date with a SNAP', async () => {
    const disks = new Map<number, MemoryStorage>();
    const zk = await start({ storage: (id) => disks.set(id, new MemoryStorage()).get(id) as MemoryStorage });
    const writer = await connect(leaderId());
    await writer.create('/snap-me', 'v');
    // More transactions than the leader keeps for DIFFs (commitLogCount, 500).
    await Promise.all(Array.from({ length: 1100 }, (_, i) => writer.create(`/bulk-${i}`)));
    const [wiped] = followerIds();
    await zk.killNode(wiped);
    disks.get(wiped)?.wipe();
    await zk.startNode(wiped);
    await waitUntil(() => zk.status().find((s) => s.id === wiped)?.serving === true, 'wiped member serving');
    expect(zk.server(wiped)?.tree.node('/snap-me')).toBeDefined();
    expect(zk.server(wiped)?.tree.nodeCount).toBe(zk.server(leaderId())?.tree.nodeCount);
    expect(logs.some((l) => /syncing follower \d with SNAP/.test(l.message))).toBe(true);
  });

  it('expires a session whose client died: its ephemerals go and watchers hear NodeDeleted', async () => {
    await start();
    const [a, b] = followerIds();
    const owner = await connect(a, { timeoutMs: 1 });
    expect(owner.timeoutMs).toBe(2 * tickTimeMs); // clamped to minSessionTimeout
    await owner.create('/eph', 'e', CreateMode.ephemeral);
    const watcher = await connect(b);
    await waitUntil(async () => (await watcher.exists('/eph', true)) !== null, 'ephemeral visible');
    const died = Date.now();
    owner.destroy(); // no closeSession
    await watcher.waitForEvents(1, 3000);
    expect(Date.now() - died).toBeLessThan(2 * tickTimeMs + 3 * tickTimeMs);
    expect(watcher.events).toEqual([{ type: EventType.nodeDeleted, state: 3, path: '/eph' }]);
    expect(await watcher.exists('/eph')).toBeNull();
    expect(logs.some((l) => /Expiring session 0x[0-9a-f]+, timeout of 200ms exceeded/.test(l.message))).toBe(true);
    // Re-attaching an expired session gets timeOut 0 (SESSIONEXPIRED in every client).
    await expect(connect(b, { sessionId: owner.sessionId, passwd: owner.passwd })).rejects.toMatchObject({ code: ErrorCode.SESSIONEXPIRED });
  });

  it('keeps a session alive across a TCP disconnect within its timeout', async () => {
    await start();
    const [a, b] = followerIds();
    const first = await connect(a, { timeoutMs: 1000 });
    await first.create('/still-mine', null, CreateMode.ephemeral);
    first.destroy();
    // The scenario's clock, not synchronisation: away for 300 ms (< the 1000 ms timeout), then 4 pings
    // 300 ms apart, so the session lives well past one timeout after the disconnect.
    const AWAY_MS = 300;
    const PING_EVERY_MS = 300;
    await new Promise((resolve) => setTimeout(resolve, AWAY_MS));
    const again = await connect(b, { sessionId: first.sessionId, passwd: first.passwd, timeoutMs: 1000 });
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, PING_EVERY_MS));
      expect((await again.ping()).header.err).toBe(0);
    }
    expect((await again.exists('/still-mine'))?.ephemeralOwner).toBe(first.sessionId);
    await again.close();
    expect(await (await connect(a)).exists('/still-mine')).toBeNull();
  });

  it('rejects a wrong password like an expired session', async () => {
    await start();
    const client = await connect(1);
    const wrong = new Uint8Array(16).fill(7);
    await expect(connect(2, { sessionId: client.sessionId, passwd: wrong })).rejects.toMatchObject({ code: ErrorCode.SESSIONEXPIRED });
  });

  it('refuses a client that has seen a newer zxid than the member has', async () => {
    await start();
    await expect(connect(1, { lastZxidSeen: 0x7_0000_0000n })).rejects.toThrow(/closed/);
    expect(logs.some((l) => /client must try another server/.test(l.message))).toBe(true);
  });

  it('steps a partitioned leader down and elects another among the rest', async () => {
    const zk = await start();
    const isolated = leaderId();
    zk.network.isolate(isolated);
    await waitUntil(() => zk.status().some((s) => s.id !== isolated && s.mode === 'leader' && s.serving), 'a new leader', 5000);
    await waitUntil(() => zk.server(isolated)?.serving === false, 'old leader not serving', 5000);
    zk.network.heal(isolated);
    await waitUntil(() => zk.status().every((s) => s.serving), 'healed member back', 5000);
    expect(zk.status().filter((s) => s.mode === 'leader')).toHaveLength(1);
  });
});

describe('ZooKeeperEnsemble: watches', () => {
  it('fires once, with the right types, before the reply to the change on the same connection', async () => {
    await start();
    const client = await connect(followerIds()[0]);
    await client.create('/w', 'a');
    await client.getData('/w', true);
    await client.getChildren('/w', true);
    await client.exists('/w/new', true);
    await client.create('/w/new');
    await client.setData('/w', 'b');
    await client.setData('/w', 'c'); // data watch already fired: nothing more
    await client.delete('/w/new');
    expect(client.events).toEqual([
      { type: EventType.nodeCreated, state: 3, path: '/w/new' },
      { type: EventType.nodeChildrenChanged, state: 3, path: '/w' },
      { type: EventType.nodeDataChanged, state: 3, path: '/w' },
    ]);
    // Each notification arrives before the reply of the request that caused it.
    const order = client.wire.map((e) => (e.kind === 'event' ? `event:${e.event.type}` : `reply:${e.xid}`));
    expect(order.indexOf('event:1')).toBe(order.indexOf('reply:5') - 2);
    expect(order.indexOf('event:3')).toBe(order.indexOf('reply:6') - 1);
  });

  it('delivers a watch set on one member for a change made through another', async () => {
    await start();
    const [a, b] = followerIds();
    const watcher = await connect(a);
    const writer = await connect(b);
    await writer.create('/x', 'a');
    await watcher.request(OpCode.sync, (w) => w.ustring('/x'));
    await watcher.getData('/x', true);
    await watcher.getChildren('/x', true);
    await writer.create('/x/child');
    await writer.delete('/x/child');
    await writer.delete('/x');
    await watcher.waitForEvents(2);
    // A barrier instead of a pause: the member answers this sync only after applying the deletes, and
    // their events went out on this connection before the answer. A second NodeDeleted would be in by now.
    await watcher.request(OpCode.sync, (w) => w.ustring('/'));
    // Child watch fired by the create; the data watch by the delete (NodeDeleted once, not twice).
    expect(watcher.events).toEqual([
      { type: EventType.nodeChildrenChanged, state: 3, path: '/x' },
      { type: EventType.nodeDeleted, state: 3, path: '/x' },
    ]);
  });

  it('answers setWatches after a reconnect: fires what changed meanwhile, re-arms the rest', async () => {
    await start();
    const [a, b] = followerIds();
    const first = await connect(a);
    await first.create('/sw-data', '1');
    await first.create('/sw-same', '1');
    const seen = first.lastZxid;
    first.destroy();
    const writer = await connect(b);
    await writer.setData('/sw-data', '2');
    await writer.create('/sw-born');
    const again = await connect(b, { sessionId: first.sessionId, passwd: first.passwd, lastZxidSeen: seen });
    const reply = await again.request(OpCode.setWatches, (w) =>
      writeSetWatches(w, { relativeZxid: seen, dataWatches: ['/sw-data', '/sw-same', '/sw-gone'], existWatches: ['/sw-born'], childWatches: [] }),
    );
    expect(reply.header.err).toBe(0);
    expect(again.events).toEqual([
      { type: EventType.nodeDataChanged, state: 3, path: '/sw-data' },
      { type: EventType.nodeDeleted, state: 3, path: '/sw-gone' },
      { type: EventType.nodeCreated, state: 3, path: '/sw-born' },
    ]);
    await writer.setData('/sw-same', '2');
    await again.waitForEvents(4);
    expect(again.events[3]).toEqual({ type: EventType.nodeDataChanged, state: 3, path: '/sw-same' });
  });
});

describe('ZooKeeperEnsemble: control', () => {
  it('reports member state and emits node-state on changes', async () => {
    const zk = await start();
    const seen: string[] = [];
    zk.on('node-state', (s) => seen.push(`${s.name}:${s.mode}`));
    const [f] = followerIds();
    await zk.stopNode(f);
    expect(seen).toContain(`zookeeper-${f}:stopped`);
    expect(zk.status().find((s) => s.id === f)).toMatchObject({ running: false, serving: false });
    await zk.startNode(f);
    await waitUntil(() => zk.status().find((s) => s.id === f)?.mode === 'follower', 'back as follower');
    await expect(zk.stopNode(9)).rejects.toThrow(/no ZooKeeper member 9 \(members are 1, 2, 3\)/);
  });

  it('reuses the port a member got from port 0 when it restarts', async () => {
    const zk = await start();
    const before = port(2);
    await zk.killNode(2);
    await zk.startNode(2);
    expect(port(2)).toBe(before);
  });

  it('injects faults into matching client requests until removed', async () => {
    const zk = await start();
    const client = await connect(1);
    await client.create('/f', 'v');
    const remove = zk.injectFault({ op: OpCode.getData, path: '/f', outcome: { err: ErrorCode.OPERATIONTIMEOUT } });
    expect((await client.request(OpCode.getData, (w) => w.ustring('/f').bool(false))).header.err).toBe(ErrorCode.OPERATIONTIMEOUT);
    expect(await client.exists('/f')).not.toBeNull();
    remove();
    expect((await client.getData('/f')).data).toBe('v');
    zk.injectFault({ op: OpCode.exists, outcome: { delayMs: 150 }, times: 1 });
    const started = Date.now();
    const [slow, next] = await Promise.all([client.exists('/f'), client.getData('/f')]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(slow?.version).toBe(0);
    expect(next.data).toBe('v');
    zk.injectFault({ member: 1, op: OpCode.setData, outcome: { close: true } });
    await expect(client.setData('/f', 'x')).rejects.toThrow(/closed/);
    expect(logs.some((l) => l.message.includes('injected fault: setData closes the connection'))).toBe(true);
  });

  it('runs as a single member', async () => {
    const zk = await start({ clientPorts: [0] });
    expect(zk.status()).toMatchObject([{ mode: 'leader', serving: true }]);
    const client = await connect(1);
    expect(await client.create('/solo')).toBe('/solo');
  });
});
