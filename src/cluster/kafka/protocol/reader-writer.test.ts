import { describe, expect, it } from 'vitest';
import { ProtocolDecodeError, ProtocolEncodeError } from './codec-errors.ts';
import { KafkaReader } from './reader.ts';
import { KafkaWriter } from './writer.ts';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (byte) => parseInt(byte, 16));

describe('KafkaWriter / KafkaReader primitives', () => {
  it('writes big-endian integers, bool, float64, uuid and reads them back', () => {
    const uuid = Uint8Array.from({ length: 16 }, (_, i) => i);
    const writer = new KafkaWriter(1);
    writer.int8(-2).int16(-300).uint16(65535).int32(-70000).uint32(0xfffffffe).int64(-5n).bool(true).float64(1.5).uuid(uuid);
    expect(hex(writer.toBytes())).toBe('fefed4fffffffeee90fffffffefffffffffffffffb013ff8000000000000000102030405060708090a0b0c0d0e0f');
    const reader = new KafkaReader(writer.toBytes());
    expect([reader.int8(), reader.int16(), reader.uint16(), reader.int32(), reader.uint32(), reader.int64(), reader.bool(), reader.float64()]).toEqual([
      -2, -300, 65535, -70000, 0xfffffffe, -5n, true, 1.5,
    ]);
    expect(reader.uuid()).toEqual(uuid);
    expect(reader.remaining).toBe(0);
  });

  it('encodes strings, bytes and arrays with their nullable forms', () => {
    const writer = new KafkaWriter();
    writer.string('hé').nullableString(null).bytes(new Uint8Array([1])).nullableBytes(null);
    writer.array([1, 2], (w, n) => w.int16(n)).nullableArray(null, (w, n: number) => w.int16(n));
    expect(hex(writer.toBytes())).toBe('000368c3a9ffff0000000101ffffffff0000000200010002ffffffff');
    const reader = new KafkaReader(writer.toBytes());
    expect(reader.string()).toBe('hé');
    expect(reader.nullableString()).toBeNull();
    expect(reader.bytes()).toEqual(new Uint8Array([1]));
    expect(reader.nullableBytes()).toBeNull();
    expect(reader.array((r) => r.int16())).toEqual([1, 2]);
    expect(reader.nullableArray((r) => r.int16())).toBeNull();
  });

  it('encodes the compact forms of flexible versions: unsigned varint length + 1, 0 = null', () => {
    const writer = new KafkaWriter();
    writer.string('hé', true).nullableString(null, true).nullableString('', true);
    writer.bytes(new Uint8Array([1, 2]), true).nullableBytes(null, true);
    writer.array([1, 2], (w, n) => w.int16(n), true).nullableArray(null, (w, n: number) => w.int16(n), true).array([], (w, n: number) => w.int16(n), true);
    expect(hex(writer.toBytes())).toBe('0468c3a9' + '00' + '01' + '030102' + '00' + '0300010002' + '00' + '01');
    const reader = new KafkaReader(writer.toBytes());
    expect([reader.string(true), reader.nullableString(true), reader.nullableString(true)]).toEqual(['hé', null, '']);
    expect(reader.bytes(true)).toEqual(new Uint8Array([1, 2]));
    expect(reader.nullableBytes(true)).toBeNull();
    expect(reader.array((r) => r.int16(), true)).toEqual([1, 2]);
    expect(reader.nullableArray((r) => r.int16(), true)).toBeNull();
    expect(reader.array((r) => r.int16(), true)).toEqual([]);
    expect(reader.remaining).toBe(0);
    // A 200-byte string needs a two-byte length (201 = 0xc9 0x01).
    expect(hex(new KafkaWriter().string('x'.repeat(200), true).toBytes().subarray(0, 3))).toBe('c90178');
    expect(() => new KafkaReader(fromHex('00')).string(true)).toThrow(/null in a non-nullable string/);
    expect(() => new KafkaReader(fromHex('00')).array((r) => r.int8(), true)).toThrow(/null in a non-nullable array/);
    expect(() => new KafkaReader(fromHex('ffffffff0f00')).nullableArray((r) => r.int8(), true)).toThrow(/array of 4294967294 elements but only 1 bytes remain/);
    expect(() => new KafkaReader(fromHex('0561')).string(true)).toThrow(/need 4 bytes but only 1 remain/);
  });

  it('writes tagged fields in tag order with their sizes, and reads known tags while skipping unknown ones', () => {
    expect(hex(new KafkaWriter().taggedFields().toBytes())).toBe('00');
    const writer = new KafkaWriter().taggedFields([
      [0, (w) => w.int32(7)],
      [3, (w) => w.string('ab', true)],
      [200, (w) => w.bool(true)],
    ]);
    // count 3; tag 0, size 4, int32 7; tag 3, size 3, compact "ab"; tag 200 (c8 01), size 1, true.
    expect(hex(writer.toBytes())).toBe('03' + '0004' + '00000007' + '0303' + '036162' + 'c80101' + '01');
    const seen: Record<number, unknown> = {};
    const reader = new KafkaReader(writer.toBytes());
    reader.taggedFields((tag, field) => {
      if (tag === 0) seen[0] = field.int32();
      else if (tag === 200) seen[200] = field.bool();
      else return false;
      return true;
    });
    expect(seen).toEqual({ 0: 7, 200: true });
    expect(reader.remaining).toBe(0);
    // Skipping all of them (no callback) consumes the same bytes.
    const skipping = new KafkaReader(writer.toBytes());
    skipping.taggedFields();
    expect(skipping.remaining).toBe(0);
  });

  it('rejects tagged fields that are out of order, misread, or longer than the input', () => {
    expect(() => new KafkaWriter().taggedFields([[2, (w) => w.int8(1)], [1, (w) => w.int8(1)]])).toThrow(ProtocolEncodeError);
    expect(() => new KafkaWriter().taggedFields([[1, (w) => w.int8(1)], [1, (w) => w.int8(1)]])).toThrow(/tags must ascend/);
    // The reader of tag 0 takes 1 of its 2 bytes.
    expect(() => new KafkaReader(fromHex('0100020102')).taggedFields((_, field) => (field.int8(), true))).toThrow(/tagged field 0 has 2 bytes but its value took 1/);
    // A value cannot be read past its own size.
    expect(() => new KafkaReader(fromHex('01000101020304')).taggedFields((_, field) => (field.int32(), true))).toThrow(/need 4 bytes but only 1 remain/);
    expect(() => new KafkaReader(fromHex('010005aa')).taggedFields()).toThrow(/need 5 bytes but only 1 remain/);
    expect(() => new KafkaReader(fromHex('ffffffff0f')).taggedFields()).toThrow(/4294967295 tagged fields but only 0 bytes remain/);
  });

  it('uses zig-zag varints like Kafka ByteUtils', () => {
    const cases: [number, string][] = [[0, '00'], [-1, '01'], [1, '02'], [63, '7e'], [-64, '7f'], [64, '8001'], [300, 'd804'], [2147483647, 'feffffff0f'], [-2147483648, 'ffffffff0f']];
    for (const [value, encoded] of cases) {
      expect(hex(new KafkaWriter().varint(value).toBytes())).toBe(encoded);
      expect(new KafkaReader(fromHex(encoded)).varint()).toBe(value);
    }
    const longs: [bigint, string][] = [[0n, '00'], [-1n, '01'], [1700000000000n, '80a0abfef962'], [9223372036854775807n, 'feffffffffffffffff01'], [-9223372036854775808n, 'ffffffffffffffffff01']];
    for (const [value, encoded] of longs) {
      expect(hex(new KafkaWriter().varlong(value).toBytes())).toBe(encoded);
      expect(new KafkaReader(fromHex(encoded)).varlong()).toBe(value);
    }
    expect(hex(new KafkaWriter().unsignedVarint(0xffffffff).toBytes())).toBe('ffffffff0f');
  });

  it('rejects bad input with ProtocolDecodeError, before allocating', () => {
    expect(() => new KafkaReader(fromHex('0001')).int32()).toThrow(ProtocolDecodeError);
    expect(() => new KafkaReader(fromHex('0005616263')).string()).toThrow(/need 5 bytes but only 3 remain/);
    expect(() => new KafkaReader(fromHex('ffff')).string()).toThrow(/null in a non-nullable string/);
    expect(() => new KafkaReader(fromHex('fffe')).nullableString()).toThrow(/invalid string length -2/);
    expect(() => new KafkaReader(fromHex('80000000')).nullableBytes()).toThrow(/invalid bytes length/);
    expect(() => new KafkaReader(fromHex('7fffffff00')).array((r) => r.int8())).toThrow(/array of 2147483647 elements but only 1 bytes remain/);
    expect(() => new KafkaReader(fromHex('ffffffffff01')).unsignedVarint()).toThrow(/longer than 5 bytes/);
    expect(() => new KafkaReader(fromHex('ffffffffffffffffffff01')).varlong()).toThrow(/longer than 10 bytes/);
    expect(() => new KafkaReader(fromHex('80')).varint()).toThrow(ProtocolDecodeError);
    const reader = new KafkaReader(fromHex('0102'));
    reader.int8();
    expect(() => reader.expectEnd('Thing')).toThrow(/1 unexpected trailing bytes after Thing/);
  });

  it('rejects out-of-range values with ProtocolEncodeError instead of wrapping', () => {
    expect(() => new KafkaWriter().int16(40000)).toThrow(ProtocolEncodeError);
    expect(() => new KafkaWriter().int32(1.5)).toThrow(ProtocolEncodeError);
    expect(() => new KafkaWriter().int64(2n ** 63n)).toThrow(ProtocolEncodeError);
    expect(() => new KafkaWriter().int64(5 as unknown as bigint)).toThrow(/bigint is required/);
    expect(() => new KafkaWriter().string('x'.repeat(40000))).toThrow(/exceeds the int16 length limit/);
    expect(() => new KafkaWriter().string(null as unknown as string)).toThrow(ProtocolEncodeError);
    expect(() => new KafkaWriter().array(null as unknown as number[], (w, n) => w.int8(n))).toThrow(/null in a non-nullable array/);
  });

  it('patches a reserved length after growing the buffer', () => {
    const writer = new KafkaWriter(16);
    const at = writer.reserveInt32();
    writer.raw(new Uint8Array(1000).fill(7));
    writer.int32At(at, writer.length - 4);
    const reader = new KafkaReader(writer.toBytes());
    expect(reader.int32()).toBe(1000);
    expect(reader.raw(1000).every((b) => b === 7)).toBe(true);
  });

  it('with shareBytesFrom, hands large byte values out by reference and the same bytes as a plain writer', () => {
    const large = Uint8Array.from({ length: 5000 }, (_, i) => i & 0xff);
    const other = new Uint8Array(300).fill(9);
    const write = (writer: KafkaWriter) => {
      const at = writer.reserveInt32();
      writer.string('head').nullableBytes(large).int16(7).bytes(other, true).nullableBytes(large, true);
      // Grows the buffer after two shared values: finished parts must keep their bytes.
      for (let i = 0; i < 200; i++) writer.int64(BigInt(i));
      writer.int32At(at, writer.length - 4);
      return writer;
    };
    const plain = write(new KafkaWriter(16)).toBytes();
    const shared = write(new KafkaWriter(16, { shareBytesFrom: 4096 }));
    const chunks = shared.toChunks();
    expect(chunks.filter((chunk) => chunk === large)).toHaveLength(2);
    const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      joined.set(chunk, at);
      at += chunk.length;
    }
    expect(shared.length).toBe(plain.length);
    expect(hex(joined)).toBe(hex(plain));
    expect(hex(shared.toBytes())).toBe(hex(plain));
    expect(new KafkaReader(plain).int32()).toBe(plain.length - 4);
  });

  it('without shared values, toChunks is the one buffer toBytes returns', () => {
    const writer = new KafkaWriter(16, { shareBytesFrom: 4096 }).int32(1).raw(new Uint8Array(100));
    expect(writer.toChunks()).toHaveLength(1);
    expect(hex(writer.toChunks()[0])).toBe(hex(writer.toBytes()));
  });
});
