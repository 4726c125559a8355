import { describe, expect, it } from 'vitest';
import { murmur2, toPositive } from './murmur2.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('murmur2', () => {
  // Kafka's UtilsTest.testMurmur2.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %s as Java does', (text, expected) => {
    expect(murmur2(bytes(text))).toBe(expected);
  });

  it('clears the sign bit for toPositive', () => {
    expect(toPositive(-973932308)).toBe(-973932308 & 0x7fffffff);
    expect(toPositive(5)).toBe(5);
  });
});
