import { describe, expect, it } from 'vitest';
import { javaStringHashCode, kafkaAbs, offsetsPartitionFor } from './java-string-hash.ts';

describe("Java's String.hashCode and Kafka's partitionFor", () => {
  it('matches Java for plain, overflowing and non-ASCII strings', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('a')).toBe(97);
    expect(javaStringHashCode('hello')).toBe(99_162_322);
    expect(javaStringHashCode('console-consumer-12345')).toBe(158_455_506);
    expect(javaStringHashCode('test-overflow-group-name-long-enough')).toBe(-530_445_283);
    // UTF-16 code units, as Java: 'é' is one unit (233), '😀' two (surrogates).
    expect(javaStringHashCode('é')).toBe(233);
    expect(javaStringHashCode('😀')).toBe(0xd83d * 31 + 0xde00);
  });

  it("uses Kafka's Utils.abs, which maps Integer.MIN_VALUE to 0", () => {
    expect(javaStringHashCode('polygenelubricants')).toBe(-0x80000000);
    expect(kafkaAbs(-0x80000000)).toBe(0);
    expect(offsetsPartitionFor('polygenelubricants', 50)).toBe(0);
    expect(kafkaAbs(-5)).toBe(5);
  });

  it('picks the partition like GroupMetadataManager.partitionFor', () => {
    expect(offsetsPartitionFor('hello', 50)).toBe(99_162_322 % 50);
    expect(offsetsPartitionFor('console-consumer-12345', 50)).toBe(6);
    expect(offsetsPartitionFor('test-overflow-group-name-long-enough', 50)).toBe(530_445_283 % 50);
    expect(() => offsetsPartitionFor('g', 0)).toThrow(/at least one partition/);
  });
});
