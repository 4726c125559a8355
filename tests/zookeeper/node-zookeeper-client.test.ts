/** node-zookeeper-client 1.1.3 (npm), an independent client, against the embedded ensemble over TCP. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, connectNzc, nzc, text } from './helpers/nzc.ts';
import type { NzcClient, NzcEvent } from './helpers/nzc.ts';
import { startTcpEnsemble } from './helpers/tcp-ensemble.ts';
import type { TcpEnsemble } from './helpers/tcp-ensemble.ts';

const { CreateMode } = nzc;
let ensemble: TcpEnsemble;
let client: NzcClient;

beforeAll(async () => {
  ensemble = await startTcpEnsemble();
});
afterAll(() => ensemble.zk.close());
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
    await call((cb) => client.mkdirp('/nz/a', cb)); // parents created with data -1 (null)
    const [e] = await call<[string]>((cb) => client.create('/nz/a/e', Buffer.from('x'), CreateMode.EPHEMERAL, cb));
    const [s1] = await call<[string]>((cb) => client.create('/nz/a/s-', Buffer.from('1'), CreateMode.PERSISTENT_SEQUENTIAL, cb));
    const [s2] = await call<[string]>((cb) => client.create('/nz/a/s-', null, CreateMode.EPHEMERAL_SEQUENTIAL, cb));
    expect([e, s1, s2]).toEqual(['/nz/a/e', '/nz/a/s-0000000001', '/nz/a/s-0000000002']);
    const [data, stat] = await call((cb) => client.getData('/nz/a/e', undefined, cb));
    expect(text(data)).toBe('x');
    expect(stat.ephemeralOwner.equals(client.getSessionId())).toBe(true);
    const [parentData, parentStat] = await call((cb) => client.getData('/nz', undefined, cb));
    expect(parentData ?? null).toBeNull(); // created with data -1, answered with -1 like a real server
    expect(parentStat.dataLength).toBe(0);
    const [children, childStat] = await call((cb) => client.getChildren('/nz/a', undefined, cb));
    expect(children.sort()).toEqual(['e', 's-0000000001', 's-0000000002']);
    expect(childStat).toMatchObject({ numChildren: 3, cversion: 3 });
    await call((cb) => client.remove('/nz/a/s-0000000001', -1, cb));
    await expect(call((cb) => client.remove('/nz/a', -1, cb))).rejects.toMatchObject({ code: -111 });
    const [missing] = await call((cb) => client.exists('/nz/none', undefined, cb));
    expect(missing).toBeNull();
    await expect(call((cb) => client.create('/nz/a/e', null, CreateMode.PERSISTENT, cb))).rejects.toMatchObject({ code: -110 });
    await expect(call((cb) => client.create('/nz/a/e/child', null, CreateMode.PERSISTENT, cb))).rejects.toMatchObject({ code: -108 });
  });

  it('checks versions on setData (BADVERSION) and bumps them', async () => {
    ({ client } = await connectNzc(ensemble.zk.connectString()));
    await call((cb) => client.create('/nz-v', Buffer.from('a'), CreateMode.PERSISTENT, cb));
    const [stat] = await call((cb) => client.setData('/nz-v', Buffer.from('b'), 0, cb));
    expect(stat.version).toBe(1);
    await expect(call((cb) => client.setData('/nz-v', Buffer.from('c'), 0, cb))).rejects.toMatchObject({ code: -103, name: 'BAD_VERSION' });
    await call((cb) => client.remove('/nz-v', 1, cb));
  });

  it('fires data, child and exists watches once each, with the right event types', async () => {
    ({ client } = await connectNzc(ensemble.zk.connectString()));
    const events: string[] = [];
    const record = (event: NzcEvent) => events.push(`${event.name}@${event.path}`);
    await call((cb) => client.create('/nz-w', Buffer.from('a'), CreateMode.PERSISTENT, cb));
    await call((cb) => client.getData('/nz-w', record, cb));
    await call((cb) => client.getChildren('/nz-w', record, cb));
    await call((cb) => client.exists('/nz-w/c', record, cb));
    await call((cb) => client.setData('/nz-w', Buffer.from('b'), -1, cb));
    await call((cb) => client.setData('/nz-w', Buffer.from('c'), -1, cb));
    await call((cb) => client.create('/nz-w/c', null, CreateMode.PERSISTENT, cb));
    await call((cb) => client.exists('/nz-w/c', record, cb));
    await call((cb) => client.remove('/nz-w/c', -1, cb));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual(['NODE_DATA_CHANGED@/nz-w', 'NODE_CREATED@/nz-w/c', 'NODE_CHILDREN_CHANGED@/nz-w', 'NODE_DELETED@/nz-w/c']);
  });

  it('runs transactions atomically (multi)', async () => {
    ({ client } = await connectNzc(ensemble.zk.connectString()));
    const [results] = await call((cb) =>
      client.transaction().create('/nz-t').setData('/nz-t', Buffer.from('z'), 0).check('/nz-t', 1).remove('/nz-t', 1).commit(cb),
    );
    expect(results.map((r) => r.type)).toEqual([1, 5, 13, 2]);
    await expect(call((cb) => client.transaction().create('/nz-t2').create('/nz-t2').commit(cb))).rejects.toMatchObject({ code: -110 });
    const [gone] = await call((cb) => client.exists('/nz-t2', undefined, cb));
    expect(gone).toBeNull();
  });
});
