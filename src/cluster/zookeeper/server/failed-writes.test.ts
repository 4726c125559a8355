/**
 * Failed writes go through the commit pipeline (ZooKeeper's error transactions): they take a zxid, are
 * proposed, acknowledged by a quorum and committed before the client hears the error. So a leader cut
 * off from its followers cannot answer `set(/x, version=0)` with BADVERSION judged against a write that
 * never commits.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../transport/memory-transport.ts';
import { ErrorCode, OpCode, readGetDataResponse, readMultiResponse, readStat, writeGetDataRequest, writeMultiRequest, writeSetDataRequest } from '../protocol/index.ts';
import type { MultiOp } from '../protocol/index.ts';
import { ZooKeeperEnsemble } from '../zookeeper-ensemble.ts';
import type { ZooKeeperEnsembleOptions, ZooKeeperNodeStatus } from '../zookeeper-ensemble.ts';
import { FileStorage } from './file-storage.ts';
import { RawClient } from './testing/raw-client.ts';
import type { RawReply } from './testing/raw-client.ts';
import { waitUntil } from './testing/wait.ts';

const host = '127.0.0.1';
const tickTimeMs = 100;
const text = new TextEncoder();
let zk: ZooKeeperEnsemble | undefined;
let transport: MemoryTransport;
const clients: RawClient[] = [];
const dirs: string[] = [];

async function start(options: Partial<ZooKeeperEnsembleOptions> = {}): Promise<ZooKeeperEnsemble> {
  transport = new MemoryTransport();
  zk = await ZooKeeperEnsemble.start({ transport, clientPorts: [0, 0, 0], tickTimeMs, ...options });
  return zk;
}

async function connect(id: number): Promise<RawClient> {
  const client = await RawClient.connect(transport, host, member(id).clientPort, { timeoutMs: 2000 });
  clients.push(client);
  return client;
}

function member(id: number): ZooKeeperNodeStatus {
  return (zk as ZooKeeperEnsemble).status()[id - 1];
}

const setData = (client: RawClient, path: string, data: string, version: number) =>
  client.request(OpCode.setData, (w) => writeSetDataRequest(w, { path, data: text.encode(data), version }));

/** A promise's fate, readable while it is still pending. */
function watch<T>(promise: Promise<T>): { settled: boolean; value?: T; error?: Error } {
  const state: { settled: boolean; value?: T; error?: Error } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: Error) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await zk?.close();
  zk = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('failed writes commit like any other write', () => {
  it('an isolated leader answers no conditional write: no BADVERSION judged against a write that never commits', async () => {
    const ensemble = await start();
    const leader = ensemble.leaderId() as number;
    const a = await connect(leader);
    const b = await connect(leader);
    await a.create('/x', 'initial');
    const states: ZooKeeperNodeStatus[] = [];
    ensemble.on('node-state', (status) => states.push(status));

    ensemble.isolateNode(leader);
    expect(member(leader)).toMatchObject({ isolated: true, mode: 'leader', serving: true });
    expect(states.at(-1)).toMatchObject({ id: leader, isolated: true });
    const logged = ensemble.server(leader)?.loggedZxid as bigint;

    // A's conditional set is proposed but cannot reach a quorum.
    const aSet = watch(setData(a, '/x', 'from-a', 0));
    // B still reads version 0 (the committed tree) and sends the same conditional set.
    const seen = await b.getData('/x');
    expect(seen).toMatchObject({ data: 'initial', stat: { version: 0 } });
    const bSet = watch(setData(b, '/x', 'from-b', 0));

    // No answer to either while the leader still believes it leads (the old behaviour: BADVERSION at once).
    await sleep(2 * tickTimeMs);
    expect(bSet.value?.header.err, 'B got an answer from a leader without a quorum').toBeUndefined();
    expect(bSet.settled).toBe(false);
    expect(aSet.settled).toBe(false);
    // B's set failed validation against A's pending set: it became an error transaction with its own
    // zxid, waiting for a quorum like A's.
    expect(ensemble.server(leader)?.loggedZxid).toBe(logged + 2n);

    // After syncLimit the leader steps down and drops its clients: both outcomes unknown (ConnectionLoss).
    await waitUntil(() => aSet.settled && bSet.settled, 'the isolated leader to drop its clients', 5000);
    expect(bSet.error?.message).toMatch(/connection closed/);
    expect(aSet.error?.message).toMatch(/connection closed/);
    expect(bSet.value).toBeUndefined();

    ensemble.healNode(leader);
    expect(member(leader).isolated).toBe(false);
    await waitUntil(() => ensemble.status().every((s) => s.serving), 'every member serving again', 5000);
    const c = await connect(ensemble.leaderId() as number);
    const final = await c.getData('/x');
    // Linearizable either way: neither set took effect, or A's (indeterminate) set committed later.
    // B's never can: it was judged against A's pending set.
    expect([JSON.stringify({ data: 'initial', version: 0 }), JSON.stringify({ data: 'from-a', version: 1 })]).toContain(
      JSON.stringify({ data: final.data, version: final.stat.version }),
    );
    await waitUntil(() => new Set(ensemble.status().map((s) => s.lastZxid)).size === 1, 'members at the same zxid', 2000);
  });

  it('a failed write takes a zxid on every member; mzxid/pzxid/version stay; a failed multi too', async () => {
    const ensemble = await start();
    const follower = ensemble.status().find((s) => s.mode === 'follower')?.id as number;
    const client = await connect(follower);
    await client.create('/f', 'one');
    const before = await client.getData('/f');
    const zxid = member(follower).lastZxid;

    const failed = await setData(client, '/f', 'two', 7);
    expect(failed.header.err).toBe(ErrorCode.BADVERSION);
    // The reply carries the zxid of the error transaction it waited for.
    expect(failed.header.zxid).toBe(zxid + 1n);
    const ops: MultiOp[] = [
      { type: OpCode.check, request: { path: '/f', version: 0 } },
      { type: OpCode.delete, request: { path: '/missing', version: -1 } },
      { type: OpCode.setData, request: { path: '/f', data: text.encode('three'), version: -1 } },
    ];
    const multi = await client.request(OpCode.multi, (w) => writeMultiRequest(w, ops));
    expect(multi.header).toMatchObject({ err: 0, zxid: zxid + 2n });
    expect(readMultiResponse(multi.body)).toEqual([
      { type: OpCode.error, err: ErrorCode.OK },
      { type: OpCode.error, err: ErrorCode.NONODE },
      { type: OpCode.error, err: ErrorCode.RUNTIMEINCONSISTENCY },
    ]);
    await waitUntil(() => ensemble.status().every((s) => s.lastZxid === zxid + 2n), 'every member at the error zxids', 2000);
    const after = await client.getData('/f');
    expect(after).toEqual(before);
    for (const s of ensemble.status()) {
      const tree = ensemble.server(s.id)?.tree;
      expect(tree?.stat('/f')).toEqual(before.stat);
      expect(tree?.stat('/')?.pzxid).toBe(before.stat.czxid);
    }
  });

  it('answers a session in request order when a read follows a failed write (the read waits for its commit)', async () => {
    const ensemble = await start();
    const follower = ensemble.status().find((s) => s.mode === 'follower')?.id as number;
    const client = await connect(follower);
    await client.create('/o', 'zero');
    const zxid = member(follower).lastZxid;
    const replies: Array<Promise<RawReply>> = [
      setData(client, '/o', 'bad', 5),
      client.request(OpCode.getData, (w) => writeGetDataRequest(w, { path: '/o', watch: false })),
      setData(client, '/o', 'one', 0),
      client.request(OpCode.getData, (w) => writeGetDataRequest(w, { path: '/o', watch: false })),
    ];
    const [failed, read, set, reread] = await Promise.all(replies);
    expect(client.wire.slice(-4)).toEqual([2, 3, 4, 5].map((xid, i) => ({ kind: 'reply', xid, err: i === 0 ? ErrorCode.BADVERSION : 0 })));
    expect(failed.header.zxid).toBe(zxid + 1n);
    expect(read.header.zxid).toBeGreaterThanOrEqual(zxid + 1n);
    expect(readGetDataResponse(read.body).stat.version).toBe(0);
    expect(set.header.zxid).toBe(zxid + 2n);
    expect(readStat(set.body).version).toBe(1);
    expect(readGetDataResponse(reread.body)).toMatchObject({ data: text.encode('one'), stat: { version: 1 } });
  });

  it('logs error transactions and replays them: restart from disk, DIFF to a returning follower', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kafkalab-zk-errors-'));
    dirs.push(root);
    const storage = (id: number) => new FileStorage(join(root, `zookeeper-${id}`));
    const ensemble = await start({ storage });
    const leader = ensemble.leaderId() as number;
    const follower = ensemble.status().find((s) => s.mode === 'follower')?.id as number;
    const client = await connect(leader);
    await client.create('/p', 'kept');
    await ensemble.killNode(follower);
    expect((await setData(client, '/p', 'no', 3)).header.err).toBe(ErrorCode.BADVERSION);
    await expect(client.delete('/nope')).rejects.toMatchObject({ code: ErrorCode.NONODE });
    const last = member(leader).lastZxid;
    const log = readFileSync(join(root, `zookeeper-${leader}`, 'log.jsonl'), 'utf8');
    expect(log).toContain('"txn":{"type":"error","err":-103}');
    expect(log).toContain('"txn":{"type":"error","err":-101}');

    // The follower missed both: a DIFF brings them (its lastZxid reaches the leader's).
    await ensemble.startNode(follower);
    await waitUntil(() => member(follower).serving, 'the follower back', 5000);
    await waitUntil(() => member(follower).lastZxid === last, 'the follower at the leader zxid', 2000);
    expect(readFileSync(join(root, `zookeeper-${follower}`, 'log.jsonl'), 'utf8')).toContain('"txn":{"type":"error","err":-101}');

    // A new process on the same data dirs replays them: same zxid, same tree.
    for (const c of clients.splice(0)) c.destroy();
    await ensemble.close();
    const again = await start({ storage });
    expect(again.status().every((s) => s.lastZxid > last)).toBe(true); // the new epoch starts after them
    const reader = await connect(1);
    expect(await reader.getData('/p')).toMatchObject({ data: 'kept', stat: { version: 0 } });
  });
});

describe('isolateNode / healNode', () => {
  it('partitions a follower: it stops serving after syncLimit, the rest go on, and it catches up when healed', async () => {
    const ensemble = await start();
    const follower = ensemble.status().find((s) => s.mode === 'follower')?.id as number;
    const leader = ensemble.leaderId() as number;
    ensemble.isolateNode(follower);
    expect(member(follower)).toMatchObject({ isolated: true, running: true });
    const writer = await connect(leader);
    await writer.create('/during', 'partition');
    await waitUntil(() => !member(follower).serving, 'the isolated follower to stop serving', 5000);
    expect(member(follower).mode).toBe('looking');
    ensemble.healNode(follower);
    await waitUntil(() => member(follower).serving, 'the follower back', 5000);
    expect(member(follower).isolated).toBe(false);
    const reader = await connect(follower);
    expect(await reader.getData('/during')).toMatchObject({ data: 'partition' });
  });

  it('heals a short partition that lost proposals: the links reset and the ensemble goes on writing', async () => {
    const ensemble = await start();
    const leader = ensemble.leaderId() as number;
    const client = await connect(leader);
    ensemble.isolateNode(leader);
    const pending = watch(client.create('/lost-in-transit', 'x'));
    await sleep(tickTimeMs);
    ensemble.healNode(leader);
    await waitUntil(() => pending.settled, 'the pending create to settle', 5000);
    await waitUntil(() => ensemble.status().every((s) => s.serving), 'every member serving', 5000);
    const next = await connect(ensemble.leaderId() as number);
    await next.create('/after-heal', 'y');
    await waitUntil(() => new Set(ensemble.status().map((s) => s.lastZxid)).size === 1, 'members agree', 2000);
  });
});
