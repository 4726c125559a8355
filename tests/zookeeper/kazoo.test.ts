/** kazoo 2.8 (python3-kazoo), an independent client, against the embedded ensemble over TCP. */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPeer } from '../support/peers.ts';
import { python, run, startProcess } from './helpers/peers.ts';
import { startTcpEnsemble } from './helpers/tcp-ensemble.ts';
import type { TcpEnsemble } from './helpers/tcp-ensemble.ts';
import { RawClient } from '../../src/cluster/zookeeper/server/testing/raw-client.ts';
import { waitUntil } from '../../src/cluster/zookeeper/server/testing/wait.ts';

const script = (name: string) => fileURLToPath(new URL(`kazoo/${name}`, import.meta.url));

describeWithPeer('kazoo', 'kazoo against the embedded ensemble', () => {
  let ensemble: TcpEnsemble;
  beforeAll(async () => {
    ensemble = await startTcpEnsemble();
  });
  afterAll(() => ensemble?.zk.close());

  it('creates (persistent, ephemeral, sequential), reads, sets with versions, watches once, multi, deletes', async () => {
    const result = await run(python, [script('basics.py'), ensemble.zk.connectString()]);
    expect(result.stderr).not.toMatch(/Traceback/);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout.trim().split('\n').at(-1) as string);
    expect(out).toMatchObject({
      create: '/kz/a/b',
      get: ['hi', 0, 2, 0],
      set: 1,
      bad_version: 'BadVersionError',
      node_exists: 'NodeExistsError',
      not_empty: 'NotEmptyError',
      exists_missing: true,
      seq: ['/kz/a/s-0000000001', '/kz/a/s-0000000002'],
      ephemeral_owner_is_session: true,
      last_event_in: true,
      events: [
        ['CHANGED', '/kz/a/b'],
        ['CHILD', '/kz/a'],
        ['CREATED', '/kz/born'],
      ],
      multi_failed: ['RolledBackError', 'NodeExistsError', 'RuntimeInconsistency'],
      multi_failed_applied_nothing: true,
      multi_ok: ['/kz/t2', true, 1, true],
      deleted: true,
      children_root: ['zookeeper'],
      server_version: [3, 8, 0],
    });
    expect(out.session).toMatch(/^0x[1-3]0000/);
  });

  it('loses an ephemeral node when its client is killed without closeSession and the session expires', async () => {
    const { zk } = ensemble;
    const holder = await startProcess(python, [script('hold-ephemeral.py'), zk.connectString(), '/kz-held', '1'], /READY session=(0x[0-9a-f]+) timeout=(\d+)/);
    const timeoutMs = Number(holder.match[2]);
    expect(timeoutMs).toBe(1000);
    const [host, port] = ensemble.address(1).split(':');
    const watcher = await RawClient.connect(ensemble.transport, host, Number(port));
    await waitUntil(async () => (await watcher.exists('/kz-held', true)) !== null, 'the ephemeral znode');
    const killedAt = Date.now();
    holder.child.kill('SIGKILL');
    await watcher.waitForEvents(1, 5000);
    const gone = Date.now() - killedAt;
    expect(watcher.events).toEqual([{ type: 2, state: 3, path: '/kz-held' }]);
    // Expired between the timeout and the timeout + one tick (+ the kill and a ping interval of slack).
    expect(gone).toBeGreaterThan(timeoutMs / 2);
    expect(gone).toBeLessThan(timeoutMs + 3 * zk.tickTimeMs + 500);
    expect(ensemble.logs.some((l) => new RegExp(`Expiring session ${holder.match[1]}, timeout of 1000ms exceeded`).test(l.message))).toBe(true);
    watcher.destroy();
  });
});
