import { mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../transport/memory-transport.ts';
import { ZooKeeperEnsemble } from '../zookeeper-ensemble.ts';
import { DataTree } from './data-tree.ts';
import { decode, encode, FileStorage } from './file-storage.ts';
import { RawClient } from './testing/raw-client.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafkalab-zk-storage-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('FileStorage', () => {
  it('keeps a snapshot, the log after it and the epochs; drops truncated entries and a torn last line', async () => {
    const dir = tempDir();
    const storage = new FileStorage(dir);
    expect(await storage.load()).toBeUndefined();
    const tree = new DataTree();
    tree.apply({ zxid: 0x1_0000_0001n, time: 5, txn: { type: 'create', path: '/a', data: new Uint8Array([1, 2]), acl: [], ephemeralOwner: 0n, parentCVersion: 1 } });
    storage.append([{ zxid: 0x1_0000_0001n, time: 5, txn: { type: 'create', path: '/a', data: new Uint8Array([1, 2]), acl: [], ephemeralOwner: 0n, parentCVersion: 1 } }]);
    storage.saveSnapshot(tree.snapshot());
    storage.append([
      { zxid: 0x1_0000_0002n, time: 6, txn: { type: 'setData', path: '/a', data: null, version: 1 } },
      { zxid: 0x1_0000_0003n, time: 7, txn: { type: 'delete', path: '/a' } },
    ]);
    storage.truncateAfter(0x1_0000_0002n);
    storage.saveEpochs(1, 1);
    appendFileSync(join(dir, 'log.jsonl'), '{"zxid":{"$n":"99"'); // crash mid-write
    const loaded = await new FileStorage(dir).load();
    expect(loaded?.snapshot?.lastZxid).toBe(0x1_0000_0001n);
    expect(loaded?.snapshot?.nodes.find((n) => n.path === '/a')?.node.data).toEqual(new Uint8Array([1, 2]));
    expect(loaded?.log).toEqual([{ zxid: 0x1_0000_0002n, time: 6, txn: { type: 'setData', path: '/a', data: null, version: 1 } }]);
    expect(loaded).toMatchObject({ acceptedEpoch: 1, currentEpoch: 1 });
  });

  it('lets a whole ensemble restart with its tree (a new process, same data dirs)', async () => {
    const root = tempDir();
    const storage = (id: number) => new FileStorage(join(root, `zookeeper-${id}`));
    const transport = new MemoryTransport();
    const first = await ZooKeeperEnsemble.start({ transport, clientPorts: [0, 0, 0], tickTimeMs: 100, storage });
    const client = await RawClient.connect(transport, '127.0.0.1', first.status()[0].clientPort);
    await client.create('/persisted', 'on disk');
    await client.create('/persisted/seq-', null, 2);
    await client.close();
    const zxid = first.status()[0].lastZxid;
    await first.close();

    const second = await ZooKeeperEnsemble.start({ transport: new MemoryTransport(), clientPorts: [0, 0, 0], tickTimeMs: 100, storage });
    try {
      // A new epoch on top of everything the first run committed.
      expect(second.status().every((s) => s.lastZxid > zxid && s.lastZxid >> 32n === 2n)).toBe(true);
      const tree = second.server(1)?.tree;
      expect(new TextDecoder().decode(tree?.node('/persisted')?.data ?? new Uint8Array())).toBe('on disk');
      expect(tree?.children('/persisted')).toEqual(['seq-0000000000']);
    } finally {
      await second.close();
    }
  });
});

describe('FileStorage encoding', () => {
  it('stores Node Buffers as bytes (not as their {type, data} JSON) and reads them back as Uint8Array', () => {
    const original = { data: Buffer.from('kafka'), view: new Uint8Array([1, 2, 3]).subarray(1), zxid: 5n };
    const back = decode<{ data: Uint8Array; view: Uint8Array; zxid: bigint }>(encode(original));
    expect(back.data).toBeInstanceOf(Uint8Array);
    expect([...back.data]).toEqual([...Buffer.from('kafka')]);
    expect([...back.view]).toEqual([2, 3]);
    expect(back.zxid).toBe(5n);
  });
});
