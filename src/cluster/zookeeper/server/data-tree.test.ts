import { describe, expect, it } from 'vitest';
import type { CreateRequest, MultiOp } from '../protocol/index.ts';
import { CreateMode, ErrorCode, EventType, OpCode } from '../protocol/index.ts';
import { ChangeView } from './change-view.ts';
import { DataTree } from './data-tree.ts';
import type { TreeEvent, TxnResult } from './data-tree.ts';
import type { Prepared } from './handler-registry.ts';
import { writeHandlerFor } from './handler-registry.ts';
import './handlers/index.ts';
import { makeZxid } from './txn.ts';

const acl = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
const bytes = (s: string) => new TextEncoder().encode(s);

/**
 * A leader without a network: validates with the real handlers, then applies at the next zxid (a failed
 * write as an error transaction, as the leader proposes it).
 */
class Harness {
  readonly tree = new DataTree();
  readonly events: TreeEvent[] = [];
  #counter = 0;
  #time = 1_000;

  run(op: number, request: unknown, sessionId = 0x100n): { prepared: Prepared; result?: TxnResult } {
    const handler = writeHandlerFor(op);
    if (!handler) throw new Error(`no write handler ${op}`);
    const zxid = makeZxid(1, this.#counter + 1);
    const prepared = handler.prepare({ view: new ChangeView(this.tree), zxid, sessionId, authIds: [] }, request);
    const txn = 'txn' in prepared ? prepared.txn : { type: 'error' as const, err: prepared.err };
    this.#counter++;
    const result = this.tree.apply({ zxid, time: (this.#time += 10), txn }, this.events);
    return { prepared, result };
  }

  /** Applies a transaction that needs no validation (sessions) at the next zxid. */
  apply(txn: Parameters<DataTree['apply']>[0]['txn']): void {
    this.tree.apply({ zxid: makeZxid(1, ++this.#counter), time: (this.#time += 10), txn }, this.events);
  }

  create(path: string, flags = 0, sessionId = 0x100n, data: string | null = ''): string {
    const request: CreateRequest = { path, data: data === null ? null : bytes(data), acl, flags };
    const { prepared, result } = this.run(OpCode.create, request, sessionId);
    if (!result || result.type !== 'create') throw new Error(`create ${path} failed: ${JSON.stringify(prepared)}`);
    return result.path;
  }

  err(op: number, request: unknown, sessionId = 0x100n): number {
    const { prepared } = this.run(op, request, sessionId);
    return 'err' in prepared ? prepared.err : 0;
  }
}

describe('data tree: the initial tree', () => {
  it('has /, /zookeeper, /zookeeper/quota and /zookeeper/config with real-server stats', () => {
    const tree = new DataTree();
    expect(tree.children('/')).toEqual(['zookeeper']);
    expect(tree.children('/zookeeper')).toEqual(['config', 'quota']);
    // A real 3.8 server shows cversion -1 for a fresh / (2 * 0 creates - 1 child) and counts 5 nodes.
    expect(tree.stat('/')).toMatchObject({ czxid: 0n, version: 0, cversion: -1, numChildren: 1, pzxid: 0n, dataLength: 0 });
    expect(tree.nodeCount).toBe(5);
    expect(tree.node('/zookeeper/config')?.acl).toEqual([{ perms: 1, id: { scheme: 'world', id: 'anyone' } }]);
  });
});

describe('data tree: Stat semantics as ZooKeeper computes them', () => {
  it('create sets czxid/mzxid/pzxid/ctime/mtime and bumps the parent (evidence/kazoo-stat-semantics.out)', () => {
    const h = new Harness();
    h.create('/p');
    const p = h.tree.stat('/p');
    expect(p).toMatchObject({ czxid: makeZxid(1, 1), mzxid: makeZxid(1, 1), pzxid: makeZxid(1, 1), version: 0, cversion: 0, numChildren: 0 });
    expect(p?.ctime).toBe(p?.mtime);
    expect(h.tree.stat('/')).toMatchObject({ cversion: 0, numChildren: 2, pzxid: makeZxid(1, 1) });

    h.create('/p/c');
    expect(h.tree.stat('/p')).toMatchObject({ cversion: 1, numChildren: 1, pzxid: makeZxid(1, 2), mzxid: makeZxid(1, 1) });
    expect(h.err(OpCode.delete, { path: '/p/c', version: -1 })).toBe(0);
    // Visible cversion 0 -> 1 -> 2, yet the next sequential child is ...0000000001.
    expect(h.tree.stat('/p')).toMatchObject({ cversion: 2, numChildren: 0, pzxid: makeZxid(1, 3) });
    expect(h.create('/p/s-', CreateMode.persistentSequential)).toBe('/p/s-0000000001');
  });

  it('setData bumps version, mzxid, mtime and dataLength; null data has length 0', () => {
    const h = new Harness();
    h.create('/d', 0, 0x100n, null);
    expect(h.tree.stat('/d')?.dataLength).toBe(0);
    expect(h.tree.node('/d')?.data).toBeNull();
    const { result } = h.run(OpCode.setData, { path: '/d', data: bytes('x'), version: 0 });
    expect(result).toMatchObject({ type: 'setData', stat: { version: 1, dataLength: 1, mzxid: makeZxid(1, 2), czxid: makeZxid(1, 1) } });
    expect(h.err(OpCode.setData, { path: '/d', data: null, version: 0 })).toBe(ErrorCode.BADVERSION);
    expect(h.err(OpCode.setData, { path: '/d', data: null, version: -1 })).toBe(0);
    expect(h.tree.stat('/d')?.version).toBe(2);
  });

  it('ephemerals carry the owner, cannot have children, and go with their session', () => {
    const h = new Harness();
    h.run(OpCode.create, { path: '/e', data: null, acl, flags: CreateMode.ephemeral }, 0x1234n);
    expect(h.tree.stat('/e')?.ephemeralOwner).toBe(0x1234n);
    expect(h.err(OpCode.create, { path: '/e/x', data: null, acl, flags: 0 })).toBe(ErrorCode.NOCHILDRENFOREPHEMERALS);
    expect(h.tree.ephemeralsOf(0x1234n)).toEqual(['/e']);
    h.apply({ type: 'closeSession', sessionId: 0x1234n });
    expect(h.tree.node('/e')).toBeUndefined();
    expect(h.tree.ephemeralCount).toBe(0);
  });

  it('sequential names are 10-digit counters from the parent, also for ephemerals and under /', () => {
    const h = new Harness();
    // The system znodes do not count: the first sequential child of / is 0000000000.
    expect(h.create('/q-', CreateMode.persistentSequential)).toBe('/q-0000000000');
    h.create('/jobs');
    expect(h.create('/jobs/j-', CreateMode.ephemeralSequential)).toBe('/jobs/j-0000000000');
    expect(h.create('/jobs/j-', CreateMode.persistentSequential)).toBe('/jobs/j-0000000001');
    expect(h.create('/jobs/', CreateMode.persistentSequential)).toBe('/jobs/0000000002');
  });

  it('rejects what a real server rejects, with the same codes', () => {
    const h = new Harness();
    h.create('/a');
    h.create('/a/b');
    const create = (path: string, flags = 0) => h.err(OpCode.create, { path, data: null, acl, flags });
    expect(create('/a')).toBe(ErrorCode.NODEEXISTS);
    expect(create('/x/y')).toBe(ErrorCode.NONODE);
    expect(create('a')).toBe(ErrorCode.BADARGUMENTS);
    expect(create('/a/')).toBe(ErrorCode.BADARGUMENTS);
    expect(create('/a//b')).toBe(ErrorCode.BADARGUMENTS);
    expect(create('/a/./b')).toBe(ErrorCode.BADARGUMENTS);
    expect(create('/t', CreateMode.persistentWithTTL)).toBe(ErrorCode.UNIMPLEMENTED);
    expect(create('/t', 9)).toBe(ErrorCode.BADARGUMENTS);
    expect(h.err(OpCode.create, { path: '/n', data: null, acl: [], flags: 0 })).toBe(ErrorCode.INVALIDACL);
    expect(h.err(OpCode.create, { path: '/n', data: null, acl: [{ perms: 31, id: { scheme: 'world', id: 'me' } }], flags: 0 })).toBe(ErrorCode.INVALIDACL);
    expect(h.err(OpCode.create, { path: '/n', data: null, acl: [{ perms: 31, id: { scheme: 'auth', id: '' } }], flags: 0 })).toBe(ErrorCode.INVALIDACL);
    expect(h.err(OpCode.delete, { path: '/a', version: -1 })).toBe(ErrorCode.NOTEMPTY);
    expect(h.err(OpCode.delete, { path: '/a/b', version: 3 })).toBe(ErrorCode.BADVERSION);
    expect(h.err(OpCode.delete, { path: '/nope', version: -1 })).toBe(ErrorCode.NONODE);
    // Verified against a real 3.8 server (evidence/zkp2.log conn [5]).
    expect(h.err(OpCode.delete, { path: '/zookeeper', version: -1 })).toBe(ErrorCode.BADARGUMENTS);
    expect(h.err(OpCode.create, { path: '/zookeeper/quota/x/y', data: null, acl, flags: 0 })).toBe(ErrorCode.NONODE);
    expect(h.err(OpCode.setData, { path: '/zookeeper/quota', data: null, version: 5 })).toBe(ErrorCode.BADVERSION);
    // /zookeeper/config is read-only for world.
    expect(h.err(OpCode.setData, { path: '/zookeeper/config', data: null, version: -1 })).toBe(ErrorCode.NOAUTH);
  });

  it('orders watch triggers like DataTree: created, then the parent changed; deleted twice then parent', () => {
    const h = new Harness();
    h.create('/w');
    h.events.length = 0;
    h.create('/w/c');
    h.run(OpCode.setData, { path: '/w/c', data: null, version: -1 });
    h.run(OpCode.delete, { path: '/w/c', version: -1 });
    expect(h.events.map((e) => [e.kind, e.type, e.path])).toEqual([
      ['data', EventType.nodeCreated, '/w/c'],
      ['child', EventType.nodeChildrenChanged, '/w'],
      ['data', EventType.nodeDataChanged, '/w/c'],
      ['data', EventType.nodeDeleted, '/w/c'],
      ['child', EventType.nodeDeleted, '/w/c'],
      ['child', EventType.nodeChildrenChanged, '/w'],
    ]);
  });

  it('snapshots round-trip, including sessions, ephemerals and internal cversions', () => {
    const h = new Harness();
    h.create('/s');
    h.create('/s/a');
    h.run(OpCode.delete, { path: '/s/a', version: -1 });
    h.apply({ type: 'createSession', sessionId: 9n, timeoutMs: 4000 });
    h.run(OpCode.create, { path: '/s/e', data: bytes('v'), acl, flags: CreateMode.ephemeral }, 9n);
    const copy = DataTree.fromSnapshot(h.tree.snapshot());
    for (const path of ['/', '/s', '/s/e', '/zookeeper']) expect(copy.stat(path)).toEqual(h.tree.stat(path));
    expect(copy.lastZxid).toBe(h.tree.lastZxid);
    expect(copy.session(9n)).toEqual({ timeoutMs: 4000 });
    expect(copy.ephemeralsOf(9n)).toEqual(['/s/e']);
    expect(copy.nodeCount).toBe(h.tree.nodeCount);
    expect(copy.approximateDataSize).toBe(h.tree.approximateDataSize);
  });
});

describe('multi', () => {
  it('applies every op in one transaction, later ops seeing earlier ones', () => {
    const h = new Harness();
    const ops: MultiOp[] = [
      { type: OpCode.create, request: { path: '/m', data: null, acl, flags: 0 } },
      { type: OpCode.create2, request: { path: '/m/s-', data: bytes('1'), acl, flags: CreateMode.persistentSequential } },
      { type: OpCode.check, request: { path: '/m', version: 0 } },
      { type: OpCode.setData, request: { path: '/m', data: bytes('x'), version: 0 } },
    ];
    const { result } = h.run(OpCode.multi, ops);
    expect(result?.type).toBe('multi');
    if (result?.type !== 'multi') return;
    expect(result.results.map((r) => r.type)).toEqual(['create', 'create', 'check', 'setData']);
    expect(result.results[1]).toMatchObject({ path: '/m/s-0000000000' });
    // One zxid for the whole multi.
    expect(h.tree.stat('/m')).toMatchObject({ czxid: makeZxid(1, 1), mzxid: makeZxid(1, 1), version: 1 });
  });

  it('applies nothing when one op fails and reports 0 / code / RUNTIMEINCONSISTENCY (evidence/zkp2.log)', () => {
    const h = new Harness();
    h.create('/mx2');
    const before = h.tree.lastZxid;
    const stat = h.tree.stat('/');
    const { prepared, result } = h.run(OpCode.multi, [
      { type: OpCode.create, request: { path: '/mx1', data: null, acl, flags: 0 } },
      { type: OpCode.create, request: { path: '/mx2', data: null, acl, flags: 0 } },
      { type: OpCode.delete, request: { path: '/mx2', version: -1 } },
    ] satisfies MultiOp[]);
    // A MultiTxn of ErrorTxns, as PrepRequestProcessor builds it: it takes a zxid and changes nothing.
    const errors = [0, ErrorCode.NODEEXISTS, ErrorCode.RUNTIMEINCONSISTENCY];
    expect(prepared).toEqual({ txn: { type: 'multi', txns: errors.map((err) => ({ type: 'error', err })) } });
    expect(result).toEqual({ type: 'multi', results: errors.map((err) => ({ type: 'error', err })) });
    expect(h.tree.node('/mx1')).toBeUndefined();
    expect(h.tree.lastZxid).toBe(before + 1n);
    expect(h.tree.stat('/')).toEqual(stat);
    expect(h.events).toHaveLength(2);
  });

  it('a failed write is an error transaction: lastZxid moves, mzxid/pzxid/version and watches do not', () => {
    const h = new Harness();
    h.create('/e');
    h.run(OpCode.setData, { path: '/e', data: bytes('one'), version: 0 });
    const before = { zxid: h.tree.lastZxid, stat: h.tree.stat('/e'), root: h.tree.stat('/'), events: h.events.length };
    const { prepared, result } = h.run(OpCode.setData, { path: '/e', data: bytes('two'), version: 0 });
    expect(prepared).toEqual({ err: ErrorCode.BADVERSION });
    expect(result).toEqual({ type: 'error', err: ErrorCode.BADVERSION });
    expect(h.tree.lastZxid).toBe(before.zxid + 1n);
    expect(h.tree.stat('/e')).toEqual(before.stat);
    expect(h.tree.stat('/')).toEqual(before.root);
    expect(h.events).toHaveLength(before.events);
    expect(new TextDecoder().decode(h.tree.node('/e')?.data ?? undefined)).toBe('one');
  });
});
