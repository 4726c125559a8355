import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateRecords, parseJute } from './generate-records.ts';
import { JuteReader } from './jute-reader.ts';
import { JuteWriter } from './jute-writer.ts';
import { OpCode } from './op-codes.ts';
import { ErrorCode, ZooKeeperError, errorByCode, errorByName } from './errors.ts';
import * as records from './index.ts';
import type { MultiOp, MultiResult, Stat } from './index.ts';

const jute = readFileSync(new URL('zookeeper.jute', import.meta.url), 'utf8');
const parsed = parseJute(jute).filter((c) => c.module !== 'org.apache.zookeeper.server.quorum');
const byName = new Map(parsed.map((c) => [c.name, c]));

/** A deterministic, non-default value for every jute type, so a swapped field would show. */
function sample(type: string, seed: number): unknown {
  switch (type) {
    case 'int':
      return -seed - 1;
    case 'long':
      return BigInt(seed) * 0x1_0000_0001n;
    case 'boolean':
      return seed % 2 === 1;
    case 'ustring':
      return `/s${seed}`;
    case 'buffer':
      return new Uint8Array([seed, seed + 1]);
  }
  const vector = type.match(/^vector<(.+)>$/);
  if (vector) return [sample(vector[1], seed), sample(vector[1], seed + 1)];
  const record = byName.get(type.split('.').pop() as string);
  if (!record) throw new Error(`no record ${type}`);
  return Object.fromEntries(record.fields.map((f, i) => [f.name, sample(f.type, seed + i + 1)]));
}

type Codec = { write: (w: JuteWriter, v: unknown) => void; read: (r: JuteReader) => unknown };
const all = records as unknown as Record<string, (...args: unknown[]) => unknown>;

describe('generated records', () => {
  it('are up to date with zookeeper.jute and the generator', () => {
    const files = generateRecords(jute);
    for (const [name, content] of files) {
      const onDisk = readFileSync(new URL(`records/${name}`, import.meta.url), 'utf8');
      expect(onDisk, `records/${name} is stale: run sh scripts/with-node.sh node src/cluster/zookeeper/protocol/generate-records.ts`).toBe(content);
    }
  });

  const clientRecords = parseJute(jute).filter((c) => ['org.apache.zookeeper.data', 'org.apache.zookeeper.proto'].includes(c.module));
  it.each(clientRecords.map((c) => [c.name]))('%s round-trips field by field', (name) => {
    const codec: Codec = { write: all[`write${name}`] as Codec['write'], read: all[`read${name}`] as Codec['read'] };
    expect(codec.write, `write${name}`).toBeTypeOf('function');
    const value = sample(name, 3);
    const w = new JuteWriter();
    codec.write(w, value);
    const r = new JuteReader(w.finish());
    expect(codec.read(r)).toEqual(value);
    expect(r.remaining).toBe(0);
  });
});

const zeroStat: Stat = {
  czxid: 0n, mzxid: 0n, ctime: 0n, mtime: 0n, version: 0, cversion: 0, aversion: 0,
  ephemeralOwner: 0n, dataLength: 0, numChildren: 0, pzxid: 0n,
};

describe('records with wire facts from the captures (evidence/zkp.log)', () => {
  it('Stat is 68 bytes', () => {
    const w = new JuteWriter();
    records.writeStat(w, zeroStat);
    expect(w.length).toBe(68);
  });

  it('ConnectRequest is 45 bytes with readOnly (zkCli, kazoo) and 44 without (node-zookeeper-client)', () => {
    const base = { protocolVersion: 0, lastZxidSeen: 0n, timeOut: 30000, sessionId: 0n, passwd: new Uint8Array(16) };
    const withFlag = new JuteWriter();
    records.writeConnectRequest(withFlag, { ...base, readOnly: false });
    expect(withFlag.length).toBe(45);
    expect(records.readConnectRequest(new JuteReader(withFlag.finish())).readOnly).toBe(false);
    const without = new JuteWriter();
    records.writeConnectRequest(without, base);
    expect(without.length).toBe(44);
    expect(records.readConnectRequest(new JuteReader(without.finish()))).not.toHaveProperty('readOnly');
  });

  it('ConnectResponse is 37 bytes with readOnly and 36 without', () => {
    const base = { protocolVersion: 0, timeOut: 6000, sessionId: 0x1000014a5110000n, passwd: new Uint8Array(16) };
    const w = new JuteWriter();
    records.writeConnectResponse(w, { ...base, readOnly: false });
    expect(w.length).toBe(37);
    const w2 = new JuteWriter();
    records.writeConnectResponse(w2, base);
    expect(w2.length).toBe(36);
  });

  it('a getData reply for "hello" is 93 bytes and a notification for /kz/a/b is 35', () => {
    const reply = records.replyPacket(3, 2n, 0, (w) => records.writeGetDataResponse(w, { data: new TextEncoder().encode('hello'), stat: zeroStat }));
    expect(reply.length - 4).toBe(93);
    const event = records.notificationPacket({ type: 3, state: 3, path: '/kz/a/b' });
    expect(event.length - 4).toBe(35);
    const r = new JuteReader(event.subarray(4));
    expect(records.readReplyHeader(r)).toEqual({ xid: -1, zxid: -1n, err: 0 });
    expect(records.readWatcherEvent(r)).toEqual({ type: 3, state: 3, path: '/kz/a/b' });
  });

  it('an error reply carries no body even when one is given', () => {
    const reply = records.replyPacket(5, 9n, ErrorCode.NONODE, (w) => w.int(1));
    expect(reply.length - 4).toBe(16);
  });

  it('the ping request is 8 bytes: xid -2, type 11', () => {
    expect([...records.requestPacket(-2, OpCode.ping)]).toEqual([0, 0, 0, 8, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 11]);
  });
});

describe('multi', () => {
  it('round-trips a request of every op type and ends with {-1, true, -1}', () => {
    const acl = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
    const ops: MultiOp[] = [
      { type: OpCode.create, request: { path: '/a', data: null, acl, flags: 0 } },
      { type: OpCode.create2, request: { path: '/b', data: new Uint8Array([1]), acl, flags: 2 } },
      { type: OpCode.createTTL, request: { path: '/t', data: null, acl, flags: 5, ttl: 1000n } },
      { type: OpCode.delete, request: { path: '/a', version: -1 } },
      { type: OpCode.setData, request: { path: '/b', data: new Uint8Array([2]), version: 3 } },
      { type: OpCode.check, request: { path: '/c', version: 0 } },
      { type: OpCode.getData, request: { path: '/c', watch: false } },
      { type: OpCode.getChildren, request: { path: '/c', watch: false } },
    ];
    const w = new JuteWriter();
    records.writeMultiRequest(w, ops);
    const bytes = w.finish();
    expect([...bytes.subarray(bytes.length - 9)]).toEqual([0xff, 0xff, 0xff, 0xff, 1, 0xff, 0xff, 0xff, 0xff]);
    const r = new JuteReader(bytes);
    expect(records.readMultiRequest(r)).toEqual(ops);
    expect(r.remaining).toBe(0);
  });

  it('round-trips results, including the rolled-back encoding of a failed multi', () => {
    const stat = { ...zeroStat, version: 4 };
    const ok: MultiResult[] = [
      { type: OpCode.create, path: '/a' },
      { type: OpCode.create2, path: '/b0000000001', stat },
      { type: OpCode.delete },
      { type: OpCode.check },
      { type: OpCode.setData, stat },
      { type: OpCode.getData, data: null, stat },
      { type: OpCode.getChildren, children: ['x', 'y'] },
    ];
    const failed: MultiResult[] = [
      { type: OpCode.error, err: 0 },
      { type: OpCode.error, err: ErrorCode.NODEEXISTS },
      { type: OpCode.error, err: ErrorCode.RUNTIMEINCONSISTENCY },
    ];
    for (const results of [ok, failed]) {
      const w = new JuteWriter();
      records.writeMultiResponse(w, results);
      const r = new JuteReader(w.finish());
      expect(records.readMultiResponse(r)).toEqual(results);
      expect(r.remaining).toBe(0);
    }
    // The failed op's MultiHeader carries its code as err, then ErrorResponse{err} repeats it.
    const w = new JuteWriter();
    records.writeMultiResponse(w, [failed[1]]);
    const r = new JuteReader(w.finish());
    expect(records.readMultiHeader(r)).toEqual({ type: -1, done: false, err: -110 });
    expect(r.int()).toBe(-110);
  });

  it('rejects an unknown op type and a request without the closing header', () => {
    const bad = new JuteWriter();
    records.writeMultiHeader(bad, { type: 99, done: false, err: -1 });
    expect(() => records.readMultiRequest(new JuteReader(bad.finish()))).toThrow(/invalid op type 99/);
    const open = new JuteWriter();
    records.writeMultiHeader(open, { type: OpCode.check, done: false, err: -1 });
    records.writeCheckVersionRequest(open, { path: '/x', version: 1 });
    expect(() => records.readMultiRequest(new JuteReader(open.finish()))).toThrow(/truncated/);
  });
});

describe('error table', () => {
  it('looks codes up both ways and reads like Java', () => {
    expect(ErrorCode.NONODE).toBe(-101);
    expect(errorByCode(-103).name).toBe('BADVERSION');
    expect(errorByName('nodeexists')?.code).toBe(-110);
    expect(errorByCode(-999).name).toBe('UNKNOWN(-999)');
    const error = new ZooKeeperError(-101, '/a/b');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('KeeperErrorCode = NoNode for /a/b');
    expect(error.codeName).toBe('NONODE');
    expect(new ZooKeeperError(-111).message).toBe('KeeperErrorCode = Directory not empty');
  });
});
