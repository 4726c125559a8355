/**
 * Test inputs and checks shared by the codec tests here and the node:zlib codec tests of the Node
 * entry points: deterministic record-like bytes and "this input is refused with a decode error".
 */
import { expect } from 'vitest';
import { ProtocolDecodeError } from '../../codec-errors.ts';
import type { CompressionCodec } from '../compression-codec.ts';

export const MB = 1024 * 1024;

/** Record-like bytes: repeated words and some noise, deterministic. */
export function sample(size: number, seed: number): Uint8Array {
  const words = ['kafka', 'topic', 'partition', '{"id":', ' "value": ', 'replica', '\u00e9t\u00e9'].map((w) => new TextEncoder().encode(w));
  const out = new Uint8Array(size);
  let x = seed;
  for (let at = 0; at < size; ) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const chunk = (x >>> 16) % 9 < 7 ? words[(x >>> 8) % words.length] : Uint8Array.of(x & 0xff);
    out.set(chunk.subarray(0, size - at), at);
    at += Math.min(chunk.length, size - at);
  }
  return out;
}

export async function decodeError(codec: CompressionCodec, data: Uint8Array, maxBytes = 64 * MB): Promise<ProtocolDecodeError> {
  const error = await codec.decompress(data, maxBytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${codec.name} accepted bad input`).toBeInstanceOf(ProtocolDecodeError);
  return error as ProtocolDecodeError;
}
