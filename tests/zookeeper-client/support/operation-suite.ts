/**
 * The ZooKeeper client's operation suite, run against any ensemble: real ZooKeeper 3.8 (the reference)
 * and our embedded one. Call `operationSuite(...)` inside a `describe` whose `beforeAll` starts the target.
 */
import { afterEach, expect, it } from 'vitest';
import type { Transport } from '../../../src/cluster/transport/transport.ts';
import {
  ErrorCode,
  ZooKeeperClient,
  ZooKeeperError,
  ZooKeeperMultiError,
} from '../../../src/cluster/zookeeper/client/index.ts';
import type { WatchEvent, ZooKeeperClientOptions, ZooKeeperClientState } from '../../../src/cluster/zookeeper/client/index.ts';
import { FaultyTransport } from './faulty-transport.ts';
import { recorder, waitFor, within } from './wait.ts';

export interface ZooKeeperTarget {
  connectString: string;
  /** A transport to reach the ensemble (a fresh one per client is fine). */
  transport(): Transport;
  /** The smallest session timeout the servers grant (2 × tickTime). */
  minSessionTimeoutMs: number;
}

const utf8 = new TextDecoder();
const text = (bytes: Uint8Array) => utf8.decode(bytes);
let counter = 0;

/** Expects `promise` to reject with a ZooKeeperError of `codeName` (and `path`, when given). */
export async function expectZooKeeperError(promise: Promise<unknown>, codeName: string, path?: string): Promise<ZooKeeperError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${codeName}`).toBeInstanceOf(ZooKeeperError);
  const zkError = error as ZooKeeperError;
  expect(zkError.codeName).toBe(codeName);
  if (path !== undefined) expect(zkError.path).toBe(path);
  return zkError;
}

export function operationSuite(target: () => ZooKeeperTarget): void {
  const clients: ZooKeeperClient[] = [];

  /** A connected client (closed after the test). */
  async function client(options: Partial<ZooKeeperClientOptions> = {}): Promise<ZooKeeperClient> {
    const t = target();
    const c = new ZooKeeperClient({ connectString: t.connectString, transport: t.transport(), sessionTimeoutMs: 10_000, ...options });
    clients.push(c);
    await within(c.connect(), 10_000, 'a ZooKeeper session');
    return c;
  }

  /** A fresh persistent node for one test: `/suite-<n>-<name>`. */
  async function base(c: ZooKeeperClient, name: string): Promise<string> {
    const path = `/suite-${process.pid}-${++counter}-${name}`;
    await c.create(path);
    return path;
  }

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close().catch(() => {})));
  });

  it('connects and negotiates a session', async () => {
    const c = await client();
    expect(c.state).toBe('connected');
    expect(c.sessionId).not.toBe(0n);
    expect(c.negotiatedTimeoutMs).toBe(10_000);
    expect(target().connectString.split(',')).toContain(c.connectedServer);
    expect(await c.getChildren('/')).toContain('zookeeper');
  });

  it('creates nodes in every mode and reads them back', async () => {
    const c = await client();
    const root = await base(c, 'create');
    expect(await c.create(`${root}/p`, 'persistent data')).toBe(`${root}/p`);
    expect(await c.create(`${root}/e`, new Uint8Array([0, 1, 254, 255]), 'ephemeral')).toBe(`${root}/e`);
    const s0 = await c.create(`${root}/seq-`, 'a', 'persistent-sequential');
    const s1 = await c.create(`${root}/seq-`, 'b', 'persistent-sequential');
    const es = await c.create(`${root}/eseq-`, undefined, 'ephemeral-sequential');
    expect(s0).toBe(`${root}/seq-0000000002`);
    expect(s1).toBe(`${root}/seq-0000000003`);
    expect(es).toBe(`${root}/eseq-0000000004`);

    const p = await c.getData(`${root}/p`);
    expect(text(p.data)).toBe('persistent data');
    expect(p.stat.version).toBe(0);
    expect(p.stat.dataLength).toBe(15);
    expect(p.stat.ephemeralOwner).toBe(0n);
    const e = await c.getData(`${root}/e`);
    expect([...e.data]).toEqual([0, 1, 254, 255]);
    expect(e.stat.ephemeralOwner).toBe(c.sessionId);
    expect((await c.getData(es)).data.length).toBe(0);
    expect((await c.getChildren(root)).sort()).toEqual(['e', 'eseq-0000000004', 'p', 'seq-0000000002', 'seq-0000000003']);

    const unicode = await c.create(`${root}/ünïcødé-✓`, 'grüße ✓');
    expect(text((await c.getData(unicode)).data)).toBe('grüße ✓');
    expect(await c.getChildren(root)).toContain('ünïcødé-✓');
  });

  it('reports NODEEXISTS, NONODE and NOCHILDRENFOREPHEMERALS with the path', async () => {
    const c = await client();
    const root = await base(c, 'errors');
    await expectZooKeeperError(c.create(root), 'NODEEXISTS', root);
    await expectZooKeeperError(c.create(`${root}/missing/child`), 'NONODE', `${root}/missing/child`);
    await c.create(`${root}/eph`, '', 'ephemeral');
    await expectZooKeeperError(c.create(`${root}/eph/child`), 'NOCHILDRENFOREPHEMERALS');
    await expectZooKeeperError(c.getData(`${root}/nope`), 'NONODE', `${root}/nope`);
    await expectZooKeeperError(c.setData(`${root}/nope`, 'x'), 'NONODE');
    await expectZooKeeperError(c.getChildren(`${root}/nope`), 'NONODE');
    const error = await expectZooKeeperError(c.delete(`${root}/nope`), 'NONODE', `${root}/nope`);
    expect(error.code).toBe(ErrorCode.NONODE);
    expect(error.message).toBe(`KeeperErrorCode = NoNode for ${root}/nope`);
  });

  it('rejects invalid paths before sending them', async () => {
    const c = await client();
    await expectZooKeeperError(c.create('relative'), 'BADARGUMENTS');
    await expectZooKeeperError(c.getData('/a//b'), 'BADARGUMENTS');
    await expectZooKeeperError(c.exists('/a/'), 'BADARGUMENTS');
    await expectZooKeeperError(c.delete('/a/../b'), 'BADARGUMENTS');
    expect(c.state).toBe('connected');
  });

  it('sets data with version checks (BADVERSION)', async () => {
    const c = await client();
    const root = await base(c, 'set');
    const s1 = await c.setData(root, 'one', 0);
    expect(s1.version).toBe(1);
    expect(s1.dataLength).toBe(3);
    await expectZooKeeperError(c.setData(root, 'stale', 0), 'BADVERSION', root);
    const s2 = await c.setData(root, 'two');
    expect(s2.version).toBe(2);
    expect(s2.mzxid).toBeGreaterThan(s1.mzxid);
    expect(text((await c.getData(root)).data)).toBe('two');
  });

  it('answers exists with a stat or null', async () => {
    const c = await client();
    const root = await base(c, 'exists');
    const stat = await c.exists(root);
    expect(stat?.numChildren).toBe(0);
    expect(await c.exists(`${root}/nope`)).toBeNull();
    await c.create(`${root}/child`);
    expect((await c.exists(root))?.numChildren).toBe(1);
  });

  it('deletes with version checks, NOTEMPTY and NONODE', async () => {
    const c = await client();
    const root = await base(c, 'delete');
    await c.create(`${root}/child`);
    await expectZooKeeperError(c.delete(root), 'NOTEMPTY', root);
    await c.setData(`${root}/child`, 'x');
    await expectZooKeeperError(c.delete(`${root}/child`, 0), 'BADVERSION');
    await c.delete(`${root}/child`, 1);
    await c.delete(root);
    expect(await c.exists(root)).toBeNull();
    await expectZooKeeperError(c.delete(root), 'NONODE');
  });

  it('mkdirp creates missing ancestors and tolerates existing ones', async () => {
    const c = await client();
    const root = await base(c, 'mkdirp');
    await c.mkdirp(`${root}/a/b/c`);
    expect(await c.getChildren(`${root}/a/b`)).toEqual(['c']);
    await c.mkdirp(`${root}/a/b/c`);
    await c.mkdirp(`${root}/a/x`);
    expect((await c.getChildren(`${root}/a`)).sort()).toEqual(['b', 'x']);
    expect((await c.getData(`${root}/a/b/c`)).data.length).toBe(0);
  });

  it('applies a multi atomically and reports the failing op', async () => {
    const c = await client();
    const root = await base(c, 'multi');
    await c.create(`${root}/guard`, '7');
    const results = await c.multi([
      { type: 'check', path: `${root}/guard`, version: 0 },
      { type: 'create', path: `${root}/reg`, mode: 'ephemeral' },
      { type: 'setData', path: `${root}/reg`, data: '{"broker":1}', version: 0 },
      { type: 'create', path: `${root}/seq-`, data: 'x', mode: 'persistent-sequential' },
    ]);
    expect(results[0]).toEqual({ type: 'check' });
    expect(results[1]).toEqual({ type: 'create', path: `${root}/reg` });
    expect(results[2].type === 'setData' && results[2].stat.version).toBe(1);
    expect(results[3]).toEqual({ type: 'create', path: `${root}/seq-0000000002` });
    const reg = await c.getData(`${root}/reg`);
    expect(text(reg.data)).toBe('{"broker":1}');
    expect(reg.stat.ephemeralOwner).toBe(c.sessionId);

    const error = (await expectZooKeeperError(
      c.multi([
        { type: 'create', path: `${root}/new` },
        { type: 'check', path: `${root}/guard`, version: 5 },
        { type: 'delete', path: `${root}/reg` },
      ]),
      'BADVERSION',
      `${root}/guard`,
    )) as ZooKeeperMultiError;
    expect(error).toBeInstanceOf(ZooKeeperMultiError);
    expect(error.failedIndex).toBe(1);
    expect(error.results.map((r) => (r.type === 'error' ? r.codeName : r.type))).toEqual([
      'OK',
      'BADVERSION',
      'RUNTIMEINCONSISTENCY',
    ]);
    expect(await c.exists(`${root}/new`)).toBeNull();
    expect(await c.exists(`${root}/reg`)).not.toBeNull();

    const deleted = await c.multi([
      { type: 'delete', path: `${root}/reg` },
      { type: 'delete', path: `${root}/guard`, version: 0 },
    ]);
    expect(deleted).toEqual([{ type: 'delete' }, { type: 'delete' }]);
  });

  it('syncs', async () => {
    const c = await client();
    const root = await base(c, 'sync');
    await c.sync(root);
    await c.sync('/');
  });

  it('fires watches once, with the right type', async () => {
    const writer = await client();
    const watcher = await client();
    const root = await base(writer, 'watch');
    await writer.create(`${root}/node`, 'v0');

    const data = recorder<WatchEvent>();
    await watcher.getData(`${root}/node`, data.push);
    await writer.setData(`${root}/node`, 'v1');
    expect(await data.next(5000, 'data-changed')).toEqual({ type: 'data-changed', path: `${root}/node` });
    await writer.setData(`${root}/node`, 'v2');

    const children = recorder<WatchEvent>();
    await watcher.getChildren(root, children.push);
    await writer.create(`${root}/other`);
    expect(await children.next(5000, 'children-changed')).toEqual({ type: 'children-changed', path: root });
    await writer.create(`${root}/another`);

    const created = recorder<WatchEvent>();
    expect(await watcher.exists(`${root}/later`, created.push)).toBeNull();
    await writer.create(`${root}/later`);
    expect(await created.next(5000, 'created')).toEqual({ type: 'created', path: `${root}/later` });

    const deleted = recorder<WatchEvent>();
    await watcher.exists(`${root}/later`, deleted.push);
    await writer.delete(`${root}/later`);
    expect(await deleted.next(5000, 'deleted')).toEqual({ type: 'deleted', path: `${root}/later` });

    // One-shot: the later changes above fired nothing more. A round trip on the watcher's connection
    // flushes any notification that was still on its way.
    await watcher.sync(root);
    await watcher.getData(root);
    expect(data.values).toHaveLength(1);
    expect(children.values).toHaveLength(1);
    expect(created.values).toHaveLength(1);
  });

  it('delivers a notification before the reply that follows it', async () => {
    const c = await client();
    const root = await base(c, 'order');
    const seen: string[] = [];
    await c.getData(root, (e) => seen.push(`watch ${e.type}`));
    await c.setData(root, 'x');
    seen.push('setData resolved');
    expect(seen).toEqual(['watch data-changed', 'setData resolved']);
  });

  it('calls each watcher once per event even when registered twice', async () => {
    const c = await client();
    const root = await base(c, 'dedupe');
    const events: WatchEvent[] = [];
    const watch = (e: WatchEvent) => events.push(e);
    await c.getData(root, watch);
    await c.exists(root, watch);
    await c.getChildren(root, watch);
    await c.delete(root);
    expect(events).toEqual([{ type: 'deleted', path: root }]);
  });

  it('works under a chroot', async () => {
    const admin = await client();
    const root = await base(admin, 'chroot');
    const c = await client({ connectString: `${target().connectString}${root}` });
    expect(await c.create('/a', 'x')).toBe('/a');
    expect(await c.create('/s-', 'x', 'persistent-sequential')).toBe('/s-0000000001');
    expect((await c.getChildren('/')).sort()).toEqual(['a', 's-0000000001']);
    expect(text((await admin.getData(`${root}/a`)).data)).toBe('x');
    const event = recorder<WatchEvent>();
    await c.getData('/a', event.push);
    await admin.setData(`${root}/a`, 'y');
    expect(await event.next(5000, 'chrooted watch')).toEqual({ type: 'data-changed', path: '/a' });
    const [created] = await c.multi([{ type: 'create', path: '/m' }]);
    expect(created).toEqual({ type: 'create', path: '/m' });
    await c.mkdirp('/deep/er');
    expect(await admin.exists(`${root}/deep/er`)).not.toBeNull();
  });

  it('removes ephemerals at once on close', async () => {
    const observer = await client();
    const root = await base(observer, 'close');
    const owner = await client();
    await owner.create(`${root}/eph`, 'x', 'ephemeral');
    const gone = recorder<WatchEvent>();
    expect(await observer.exists(`${root}/eph`, gone.push)).not.toBeNull();
    await owner.close();
    expect(owner.state).toBe('closed');
    expect(await gone.next(2000, 'the ephemeral to vanish')).toEqual({ type: 'deleted', path: `${root}/eph` });
    await expectZooKeeperError(owner.getData('/'), 'SESSIONEXPIRED');
  });

  it('keeps the session across a dropped connection and fails in-flight requests with CONNECTIONLOSS', async () => {
    const observer = await client();
    const root = await base(observer, 'drop');
    const transport = new FaultyTransport(target().transport());
    const c = await client({ transport });
    const sessionId = c.sessionId;
    await c.create(`${root}/eph`, 'x', 'ephemeral');
    const states: ZooKeeperClientState[] = [];
    c.on('state', (s) => states.push(s));
    const inFlight = c.getData(root);
    transport.dropConnections();
    await expectZooKeeperError(inFlight, 'CONNECTIONLOSS', root);
    expect(c.state).toBe('disconnected');
    // Requests made while disconnected wait for the next connection.
    const queued = c.getData(`${root}/eph`);
    await waitFor(() => c.state === 'connected', 5000, 'the reconnect');
    expect(text((await queued).data)).toBe('x');
    expect(states).toEqual(['disconnected', 'connected']);
    expect(c.sessionId).toBe(sessionId);
    expect((await observer.exists(`${root}/eph`))?.ephemeralOwner).toBe(sessionId);
  });

  it('re-registers watches after a reconnect and fires those whose node changed meanwhile', async () => {
    const writer = await client();
    const root = await base(writer, 'setwatches');
    await writer.create(`${root}/changed`, 'v0');
    await writer.create(`${root}/unchanged`, 'v0');
    const transport = new FaultyTransport(target().transport());
    const c = await client({ transport });
    const changed = recorder<WatchEvent>();
    const unchanged = recorder<WatchEvent>();
    const created = recorder<WatchEvent>();
    const children = recorder<WatchEvent>();
    await c.getData(`${root}/changed`, changed.push);
    await c.getData(`${root}/unchanged`, unchanged.push);
    await c.exists(`${root}/born`, created.push);
    await c.getChildren(root, children.push);

    transport.partition();
    await waitFor(() => c.state === 'disconnected', 5000, 'the disconnect');
    await writer.setData(`${root}/changed`, 'v1');
    await writer.create(`${root}/born`);
    transport.heal();

    expect(await changed.next(5000, 'data-changed after reconnect')).toEqual({ type: 'data-changed', path: `${root}/changed` });
    expect(await created.next(5000, 'created after reconnect')).toEqual({ type: 'created', path: `${root}/born` });
    expect(await children.next(5000, 'children-changed after reconnect')).toEqual({ type: 'children-changed', path: root });
    expect(unchanged.values).toEqual([]);
    await writer.setData(`${root}/unchanged`, 'v1');
    expect(await unchanged.next(5000, 'the re-registered watch')).toEqual({ type: 'data-changed', path: `${root}/unchanged` });
  });

  it('expires the session when the client stays away: ephemerals vanish, the client reports expired', async () => {
    const observer = await client();
    const root = await base(observer, 'expiry');
    const transport = new FaultyTransport(target().transport());
    const timeout = target().minSessionTimeoutMs;
    const c = await client({ transport, sessionTimeoutMs: timeout });
    expect(c.negotiatedTimeoutMs).toBe(timeout);
    await c.create(`${root}/eph`, 'x', 'ephemeral');
    const expired = recorder<void>();
    c.on('session-expired', () => expired.push());

    transport.partition(); // no closeSession: only the session timeout removes the ephemeral
    const started = Date.now();
    await waitFor(async () => (await observer.exists(`${root}/eph`)) === null, timeout * 4, 'the ephemeral to vanish', 25);
    expect(Date.now() - started).toBeGreaterThanOrEqual(timeout / 2);

    transport.heal();
    await expired.next(timeout * 4, 'session-expired');
    expect(c.state).toBe('expired');
    await expectZooKeeperError(c.getData('/'), 'SESSIONEXPIRED');
    await expect(c.connect()).rejects.toThrow(/expired/);
  });
}
