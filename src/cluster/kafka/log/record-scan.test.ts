/**
 * The byte-level record checks and offset rewrite of compressed batches: what the encoder writes scans
 * clean, every framing lie is named, and rewritten offset deltas decode as 0..n-1 with everything else kept.
 */
import { describe, expect, it } from 'vitest';
import { encodeRecordBatch, ProtocolDecodeError, RECORD_BATCH_HEADER_SIZE } from '../protocol/index.ts';
import { rewriteOffsetDeltas } from './record-offset-rewrite.ts';
import { scanRecords } from './record-scan.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

async function recordsOf(count: number): Promise<Uint8Array> {
  const batch = await encodeRecordBatch({
    records: Array.from({ length: count }, (_, i) => ({
      timestamp: 1_700_000_000_000n + BigInt(i * 1000),
      key: i % 3 === 0 ? null : bytes(`k${i}`),
      value: i % 4 === 0 ? null : bytes(`value ${i} `.repeat(i % 20)),
      headers: i % 2 === 0 ? [{ key: 'h', value: bytes(`${i}`) }, { key: 'n', value: null }] : [],
    })),
  });
  return batch.subarray(RECORD_BATCH_HEADER_SIZE);
}

function scanError(body: Uint8Array, count: number): string {
  try {
    scanRecords(body, count);
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolDecodeError);
    return (error as ProtocolDecodeError).reason;
  }
  throw new Error('scanRecords accepted bad records');
}

describe('scanRecords', () => {
  it('accepts what the encoder writes, offsets in order (200 records with keys, nulls, headers)', async () => {
    expect(scanRecords(await recordsOf(200), 200)).toEqual({ offsetsInOrder: true, anyNullKey: true });
    const keyed = await encodeRecordBatch({ records: [{ key: bytes('k'), value: null }, { key: new Uint8Array(0), value: bytes('v') }] });
    expect(scanRecords(keyed.subarray(RECORD_BATCH_HEADER_SIZE), 2)).toEqual({ offsetsInOrder: true, anyNullKey: false });
  });

  it('names a missing record, trailing bytes, a record longer than the body and one whose fields do not fill it', async () => {
    const body = await recordsOf(3);
    expect(scanError(body, 4)).toMatch(/^record 3 of 4 is missing/);
    expect(scanError(body, 2)).toMatch(/bytes after the 2 records the batch header counts$/);
    const longer = body.slice();
    longer[0] += 40; // first record's length varint (zig-zag): 20 bytes more than it has
    expect(scanError(longer, 3)).toMatch(/^record 0: expected to read \d+ bytes in record payload, but read \d+$/);
    const cut = body.subarray(0, body.length - 1);
    expect(scanError(cut, 3)).toMatch(/^record 2 says \d+ bytes but \d+ remain$/);
  });

  it('rewrites offset deltas to 0..n-1, keeping keys, values, headers and timestamps', async () => {
    const body = await recordsOf(150);
    // Every record's offset delta set to 0 (the 1-byte varint of 0 replaces a 1- or 2-byte one).
    const zeroed = rewriteToZero(body, 150);
    expect(scanRecords(zeroed, 150).offsetsInOrder).toBe(false);
    const rewritten = rewriteOffsetDeltas(zeroed, 150);
    expect(rewritten).toEqual(body);
  });
});

/** The body with every offset delta 0 (test helper, the inverse of the rewrite). */
function rewriteToZero(body: Uint8Array, count: number): Uint8Array {
  const out: number[] = [];
  let at = 0;
  const varint = (): [number, number] => {
    let raw = 0;
    const start = at;
    for (let shift = 0; ; shift += 7) {
      const byte = body[at++];
      raw += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return [raw / 2, at - start];
    }
  };
  const writeVarint = (value: number) => {
    let raw = value * 2;
    while (raw >= 0x80) {
      out.push((raw & 0x7f) | 0x80);
      raw = Math.floor(raw / 128);
    }
    out.push(raw);
  };
  for (let i = 0; i < count; i++) {
    const [length] = varint();
    const start = at;
    at += 1;
    while (body[at++] & 0x80);
    const headEnd = at;
    const [, deltaSize] = varint();
    writeVarint(length - deltaSize + 1);
    out.push(...body.subarray(start, headEnd), 0, ...body.subarray(at, start + length));
    at = start + length;
  }
  return Uint8Array.from(out);
}
