/**
 * Transactions: the fully decided, deterministic changes the leader proposes and every member applies
 * in zxid order (ZooKeeper's `txn` records). Everything a member needs to apply one is inside it
 * (final path with sequence suffix, ACL, owner, time), so all replicas end up byte-identical.
 */
import type { ACL } from '../protocol/index.ts';

export type Txn =
  | { type: 'create'; path: string; data: Uint8Array | null; acl: ACL[]; ephemeralOwner: bigint; parentCVersion: number }
  | { type: 'delete'; path: string }
  | { type: 'setData'; path: string; data: Uint8Array | null; version: number }
  | { type: 'setACL'; path: string; acl: ACL[]; version: number }
  | { type: 'check'; path: string }
  | { type: 'multi'; txns: Txn[] }
  | { type: 'createSession'; sessionId: bigint; timeoutMs: number }
  | { type: 'closeSession'; sessionId: bigint }
  /**
   * A write that failed validation (`OpCode.error` + `ErrorTxn{err}`): it changes nothing but takes a
   * zxid and goes through propose / ack / commit like any other, so the client hears the error only
   * once a quorum has ordered it. A failed multi is a `multi` of these, one per op.
   */
  | { type: 'error'; err: number }
  /** A new leader's epoch start: no change, but `lastZxid` becomes `epoch << 32`. */
  | { type: 'epoch' };

/** A transaction with the zxid and leader time it was committed under. */
export interface CommittedTxn {
  zxid: bigint;
  /** Leader wall-clock ms: ctime/mtime of the znodes it touches. */
  time: number;
  txn: Txn;
}

/** Ephemeral owner that marks a container znode (`EphemeralType.CONTAINER_EPHEMERAL_OWNER`, Long.MIN_VALUE). */
export const containerOwner = -0x8000_0000_0000_0000n;

export function zxidEpoch(zxid: bigint): number {
  return Number(zxid >> 32n);
}

export function makeZxid(epoch: number, counter: number): bigint {
  return (BigInt(epoch) << 32n) | BigInt(counter);
}

/** `0x100000003`, as srvr and zkCli print zxids. */
export function hexZxid(zxid: bigint): string {
  return `0x${zxid.toString(16)}`;
}
