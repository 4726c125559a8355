/** node-zookeeper-client 1.1.3 (npm), an independent client, against the embedded ensemble over TCP. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/cluster/zookeeper/server/testing/wait.ts';
import { commit, connectNzc, nz, nzc, text } from './helpers/nzc.ts';
import type { NzcClient, NzcEvent } from './helpers/nzc.ts';
import { startTcpEnsemble } from './helpers/tcp-ensemble.ts';
import type { TcpEnsemble } from './helpers/tcp-ensemble.ts';

const { CreateMode } = nzc;
let ensemble: TcpEnsemble;
let client: NzcClient;

beforeAll(async () => {
  ensemble = await startTcpEnsemble();
});
afterAll(() => ensemble?.zk.close());
afterEach(() => client?.close());

describe('node-zookeeper-client against the embedded ensemble', () => {
  it('connects with the 44-byte ConnectRequest and negotiates the session timeout', async () => {
    ({ client } = await connectNzc(ensemble.zk.connectString(), 60_000));
    // Clamped to maxSessionTimeout = 20 ticks.
    expect(client.getSessionTimeout()).toBe(20 * ensemble.zk.tickTimeMs);
    expect(client.getSessionId().toString('hex')).toMatch(/^0[123]0000/);
  });

  it('creates persistent, ephemeral and sequential znodes, reads, lists and deletes them', async () => {
    ({ client } = await connectNzc(ensemble.zk.connectString()));
    await nz(client).mkdirp('/nz/a'); // parents created with data -1 (null)
    const [e] = await nz(client).create('/nz/a/e', Buffer.from('x'), CreateMode.EPHEMERAL);
    const [s1] = await nz(client).create('/nz/a/s-', Buffer.from('1'), CreateMode.PERSISTENT_SEQUENTIAL);
    const [s2] = await nz(client).create('/nz/a/s-', null, CreateMode.EPHEMERAL_SEQUENTIAL);
    expect([e, s1, s2]).toEqual(['/nz/a/e', '/nz/a/s-0000000001', '/nz/a/s-0000000002']);
    const [data, stat] = await nz(client).getData('/nz/a/e');
    expect(text(data)).toBe('x');
    expect(stat.ephemeralOwner.equals(client.getSessionId())).toBe(true);
    const [parentData, parentStat] = await nz(client).getData('/nz');
    expect(parentData ?? null).toBeNull(); // created with data -1, answered with -1 like a real server
    expect(parentStat.dataLength).toBe(0);
    const [children, childStat] = await nz(client).getChildren('/nz/a');
    expect(children.sort()).toEqual(['e', 's-0000000001', 's-0000000002']);
    expect(childStat).toMatchObject({ numChildren: 3, cversion: 3 });
    await nz(client).remove('/nz/a/s-0000000001', -1);
    await expect(nz(client).remove('/nz/a', -1)).rejects.toMatchObject({ code: -111 });
    const [missing] = await nz(client).exists('/nz/none');
    expect(missing).toBeNull();
    await expect(nz(client).create('/nz/a/e', null, CreateMode.PERSISTENT)).rejects.toMatchObject({ code: -110 });
    await expect(nz(client).create('/nz/a/e/child', null, CreateMode.PERSISTENT)).rejects.toMatchObject({ code: -108 });
  });

  it('checks versions on setData (BADVERSION) and bumps them', async () => {
    ({ client } = await connectNzc(ensemble.zk.connectString()));
    await nz(client).create('/nz-v', Buffer.from('a'), CreateMode.PERSISTENT);
    const [stat] = await nz(client).setData('/nz-v', Buffer.from('b'), 0);
    expect(stat.version).toBe(1);
    await expect(nz(client).setData('/nz-v', Buffer.from('c'), 0)).rejects.toMatchObject({ code: -103, name: 'BAD_VERSION' });
    await nz(client).remove('/nz-v', 1);
  });

  it('fires data, child and exists watches once each, with the right event types', async () => {
    ({ client } = await connectNzc(ensemble.zk.connectString()));
    const events: string[] = [];
    const record = (event: NzcEvent) => events.push(`${event.name}@${event.path}`);
    await nz(client).create('/nz-w', Buffer.from('a'), CreateMode.PERSISTENT);
    await nz(client).getData('/nz-w', record);
    await nz(client).getChildren('/nz-w', record);
    await nz(client).exists('/nz-w/c', record);
    await nz(client).setData('/nz-w', Buffer.from('b'), -1);
    await nz(client).setData('/nz-w', Buffer.from('c'), -1);
    await nz(client).create('/nz-w/c', null, CreateMode.PERSISTENT);
    await nz(client).exists('/nz-w/c', record);
    await nz(client).remove('/nz-w/c', -1);
    // ZooKeeper delivers a session's events in order: once the last one is in, a stray earlier one would be too.
    await waitUntil(() => events.includes('NODE_DELETED@/nz-w/c'), 'the NODE_DELETED event');
    expect(events).toEqual(['NODE_DATA_CHANGED@/nz-w', 'NODE_CREATED@/nz-w/c', 'NODE_CHILDREN_CHANGED@/nz-w', 'NODE_DELETED@/nz-w/c']);
  });

  it('runs transactions atomically (multi)', async () => {
    ({ client } = await connectNzc(ensemble.zk.connectString()));
    const [results] = await commit(client.transaction().create('/nz-t').setData('/nz-t', Buffer.from('z'), 0).check('/nz-t', 1).remove('/nz-t', 1));
    expect(results.map((r) => r.type)).toEqual([1, 5, 13, 2]);
    await expect(commit(client.transaction().create('/nz-t2').create('/nz-t2'))).rejects.toMatchObject({ code: -110 });
    const [gone] = await nz(client).exists('/nz-t2');
    expect(gone).toBeNull();
  });
});
