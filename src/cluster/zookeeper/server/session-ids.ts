/**
 * Session ids and passwords as a real server makes them, so any member can check a password:
 * - id: `((elapsedMillis << 24) >>> 8) | (serverId << 56)`, then +1 per session
 *   (`SessionTrackerImpl.initializeNextSessionId` l.98-106): the top byte names the member that
 *   created the session (`0x1000014a5110000` came from server 1);
 * - password: 16 bytes of `new java.util.Random(sessionId ^ 0xB3415C00L).nextBytes()`
 *   (`ZooKeeperServer.generatePasswd` l.985-994).
 */
const mask64 = (1n << 64n) - 1n;
const superSecret = 0xb3415c00n;

export function initialSessionId(serverId: number, nowMs: number): bigint {
  const shifted = ((BigInt(nowMs) << 24n) & mask64) >> 8n;
  return shifted | (BigInt(serverId) << 56n);
}

export function sessionPassword(sessionId: bigint): Uint8Array {
  return javaRandomBytes(BigInt.asUintN(64, sessionId) ^ superSecret, 16);
}

export function passwordMatches(sessionId: bigint, passwd: Uint8Array | null): boolean {
  if (sessionId === 0n || !passwd || passwd.length !== 16) return false;
  const expected = sessionPassword(sessionId);
  return expected.every((b, i) => b === passwd[i]);
}

/** `java.util.Random(seed).nextBytes(new byte[count])`: the 48-bit LCG of the JDK. */
export function javaRandomBytes(seed: bigint, count: number): Uint8Array {
  const multiplier = 0x5deece66dn;
  const mask48 = (1n << 48n) - 1n;
  let state = (seed ^ multiplier) & mask48;
  const nextInt = (): number => {
    state = (state * multiplier + 0xbn) & mask48;
    return Number(BigInt.asIntN(32, state >> 16n));
  };
  const out = new Uint8Array(count);
  for (let i = 0; i < count; ) {
    let rnd = nextInt();
    for (let n = Math.min(count - i, 4); n-- > 0; rnd >>= 8) out[i++] = rnd & 0xff;
  }
  return out;
}
