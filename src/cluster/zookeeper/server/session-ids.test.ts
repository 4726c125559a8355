import { describe, expect, it } from 'vitest';
import { initialSessionId, javaRandomBytes, passwordMatches, sessionPassword } from './session-ids.ts';

describe('session ids and passwords', () => {
  it('reproduces java.util.Random: new Random(42).nextInt() is -1170105035', () => {
    const bytes = javaRandomBytes(42n, 8);
    expect(new DataView(bytes.buffer).getInt32(0, true)).toBe(-1170105035);
    expect(new DataView(bytes.buffer).getInt32(4, true)).toBe(234785527);
  });

  it('lays out ids like SessionTrackerImpl: server id in the top byte', () => {
    // 0x1000014a5110000 in the captures came from server 1, 0x14a511 ms into its clock.
    expect(initialSessionId(1, 0x14a511)).toBe(0x1000014a5110000n);
    expect(initialSessionId(3, 1000) >> 56n).toBe(3n);
  });

  it('derives the password from the id alone, so every member can check it', () => {
    const id = 0x1000014a5110000n;
    expect(sessionPassword(id)).toHaveLength(16);
    expect(sessionPassword(id)).toEqual(sessionPassword(id));
    expect(passwordMatches(id, sessionPassword(id))).toBe(true);
    expect(passwordMatches(id, sessionPassword(id + 1n))).toBe(false);
    expect(passwordMatches(id, new Uint8Array(16))).toBe(false);
    expect(passwordMatches(0n, sessionPassword(0n))).toBe(false);
  });
});
