import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ZERO_UUID_TEXT, isZeroUuid, uuidFromText, uuidToText } from './kafka-uuid.ts';

describe('Kafka Uuid text', () => {
  it('is base64url without padding, as Java prints it (Base64.getUrlEncoder().withoutPadding())', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from(randomBytes(16));
      const text = uuidToText(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(text).toHaveLength(22);
      expect(uuidFromText(text)).toEqual(bytes);
      expect(uuidFromText(`${text}==`)).toEqual(bytes);
    }
    // A java.util.UUID's two longs, big-endian, are the 16 bytes.
    const uuid = randomUUID();
    expect(uuidToText(Uint8Array.from(Buffer.from(uuid.replace(/-/g, ''), 'hex')))).toBe(Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url'));
  });

  it('has a zero id and refuses text that is not 16 bytes of base64url', () => {
    expect(uuidToText(new Uint8Array(16))).toBe(ZERO_UUID_TEXT);
    expect(isZeroUuid(uuidFromText(ZERO_UUID_TEXT))).toBe(true);
    expect(isZeroUuid(uuidFromText('8JzfuSh5QE6_biHVoDerqw'))).toBe(false);
    // The last character's 4 unused bits do not count: ...x decodes as ...w.
    expect(uuidToText(uuidFromText('8JzfuSh5QE6_biHVoDerqx'))).toBe('8JzfuSh5QE6_biHVoDerqw');
    for (const bad of ['', 'abc', '8JzfuSh5QE6_biHVoDerq', '8JzfuSh5QE6/biHVoDerqw', '8JzfuSh5QE6_biHVoDerqwAA']) {
      expect(() => uuidFromText(bad)).toThrow(RangeError);
    }
    expect(() => uuidToText(new Uint8Array(15))).toThrow(RangeError);
  });
});
