import { describe, expect, it } from 'vitest';
import { JuteDecodeError, JuteReader } from './jute-reader.ts';
import { JuteWriter } from './jute-writer.ts';

describe('jute reader and writer', () => {
  it('round-trips every primitive, including nulls and negative longs', () => {
    const w = new JuteWriter(1);
    w.int(-7).long(-2n).long(0x7fff_ffff_ffff_ffffn).bool(true).bool(false);
    w.ustring('päth/ü').ustring(null).ustring('');
    w.buffer(new Uint8Array([1, 2, 3])).buffer(null).buffer(new Uint8Array(0));
    w.vector(['a', 'b'], (w, s) => w.ustring(s)).vector(null, (w, s: string) => w.ustring(s)).vector([], () => {});
    const r = new JuteReader(w.finish());
    expect(r.int()).toBe(-7);
    expect(r.long()).toBe(-2n);
    expect(r.long()).toBe(0x7fff_ffff_ffff_ffffn);
    expect(r.bool()).toBe(true);
    expect(r.bool()).toBe(false);
    expect(r.ustring()).toBe('päth/ü');
    expect(r.ustring()).toBeNull();
    expect(r.ustring()).toBe('');
    expect(r.buffer()).toEqual(new Uint8Array([1, 2, 3]));
    expect(r.buffer()).toBeNull();
    expect(r.buffer()).toEqual(new Uint8Array(0));
    expect(r.vector((r) => r.ustring())).toEqual(['a', 'b']);
    expect(r.vector((r) => r.ustring())).toBeNull();
    expect(r.vector((r) => r.int())).toEqual([]);
    expect(r.remaining).toBe(0);
    r.end();
  });

  it('writes the exact jute byte layout (big-endian, -1 for null)', () => {
    const bytes = new JuteWriter().int(1).ustring('/a').buffer(null).bool(true).finish();
    expect([...bytes]).toEqual([0, 0, 0, 1, 0, 0, 0, 2, 0x2f, 0x61, 0xff, 0xff, 0xff, 0xff, 1]);
    expect([...new JuteWriter().finishFrame()]).toEqual([0, 0, 0, 0]);
    expect([...new JuteWriter().int(5).finishFrame()]).toEqual([0, 0, 0, 4, 0, 0, 0, 5]);
  });

  it('fails with JuteDecodeError on truncation and on lengths the bytes cannot hold', () => {
    const cases: Array<[string, Uint8Array, (r: JuteReader) => unknown]> = [
      ['short int', new Uint8Array([0, 0, 1]), (r) => r.int()],
      ['short long', new Uint8Array(7), (r) => r.long()],
      ['empty bool', new Uint8Array(0), (r) => r.bool()],
      ['string longer than the frame', new JuteWriter().int(1000).finish(), (r) => r.ustring()],
      ['huge buffer length', new JuteWriter().int(0x7fffffff).finish(), (r) => r.buffer()],
      ['negative length', new JuteWriter().int(-5).finish(), (r) => r.buffer()],
      ['vector count above remaining', new JuteWriter().int(0x10000000).int(1).finish(), (r) => r.vector((r) => r.int())],
      ['negative vector count', new JuteWriter().int(-2).finish(), (r) => r.vector((r) => r.int())],
      ['invalid UTF-8', new JuteWriter().buffer(new Uint8Array([0xff, 0xfe])).finish(), (r) => r.ustring()],
    ];
    for (const [name, bytes, read] of cases) {
      expect(() => read(new JuteReader(bytes)), name).toThrow(JuteDecodeError);
    }
    const r = new JuteReader(new Uint8Array([0, 0, 0, 1, 9]));
    r.int();
    expect(() => r.end()).toThrow(/1 unexpected trailing bytes at byte 4/);
  });

  it('reads from a view into a larger buffer (frames are subarrays)', () => {
    const big = new Uint8Array(16);
    new DataView(big.buffer).setInt32(8, 42);
    expect(new JuteReader(big.subarray(8, 12)).int()).toBe(42);
  });
});
