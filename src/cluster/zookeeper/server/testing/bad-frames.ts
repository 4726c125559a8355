/**
 * Malformed, truncated and oversized inputs for the bad-input tests (over memory and over TCP).
 * Each case is a list of raw byte chunks sent on a fresh connection, optionally after a valid
 * handshake, and the reason the server must log when it closes that connection.
 */
import { JuteWriter, OpCode, recordPacket, requestPacket, writeConnectRequest } from '../../protocol/index.ts';

export interface BadInput {
  name: string;
  /** Send a valid ConnectRequest first (the bytes then hit the request path). */
  afterHandshake: boolean;
  chunks: Uint8Array[];
  /** The log line that must explain the close. */
  reason: RegExp;
}

const frameOf = (payload: Uint8Array): Uint8Array => new JuteWriter().raw(payload).finishFrame();
const lengthOnly = (length: number): Uint8Array => new JuteWriter().int(length).finish();

export function connectRequestFrame(): Uint8Array {
  return recordPacket((w) => writeConnectRequest(w, { protocolVersion: 0, lastZxidSeen: 0n, timeOut: 10_000, sessionId: 0n, passwd: new Uint8Array(16), readOnly: false }));
}

export const badInputs: BadInput[] = [
  { name: 'length above jute.maxbuffer', afterHandshake: false, chunks: [lengthOnly(0x100000)], reason: /invalid packet length 1048576/ },
  { name: 'negative length', afterHandshake: false, chunks: [lengthOnly(-5)], reason: /invalid packet length -5/ },
  { name: 'unknown four-letter word read as a length', afterHandshake: false, chunks: [new TextEncoder().encode('kill')], reason: /invalid packet length/ },
  { name: 'truncated ConnectRequest', afterHandshake: false, chunks: [frameOf(new Uint8Array(10))], reason: /malformed packet: truncated/ },
  {
    name: 'ConnectRequest whose password length exceeds the frame',
    afterHandshake: false,
    chunks: [frameOf(new JuteWriter().int(0).long(0n).int(30_000).long(0n).int(0x7fffffff).finish())],
    reason: /malformed packet: invalid buffer length 2147483647/,
  },
  { name: 'request shorter than a RequestHeader', afterHandshake: true, chunks: [frameOf(new Uint8Array([0, 0, 0, 1]))], reason: /malformed packet: truncated int/ },
  {
    name: 'create whose path length exceeds the frame',
    afterHandshake: true,
    chunks: [requestPacket(1, OpCode.create, (w) => w.int(5000).raw(new Uint8Array(8)))],
    reason: /malformed packet: invalid ustring length 5000/,
  },
  {
    name: 'create with an ACL vector count of a billion',
    afterHandshake: true,
    chunks: [requestPacket(1, OpCode.create, (w) => w.ustring('/x').buffer(null).int(1_000_000_000))],
    reason: /malformed packet: invalid vector count 1000000000/,
  },
  {
    name: 'multi with an unknown op type',
    afterHandshake: true,
    chunks: [requestPacket(1, OpCode.multi, (w) => w.int(77).bool(false).int(-1))],
    reason: /malformed packet: invalid op type 77 in multi/,
  },
  { name: 'path that is not UTF-8', afterHandshake: true, chunks: [requestPacket(1, OpCode.getData, (w) => w.buffer(new Uint8Array([0xc3, 0x28])).bool(false))], reason: /not valid UTF-8/ },
  { name: 'oversized request after the handshake', afterHandshake: true, chunks: [lengthOnly(0x7fffffff)], reason: /invalid packet length 2147483647/ },
];

/** xorshift32: deterministic pseudo-random bytes for the fuzz loop. */
export function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

/** A random frame: random length (sometimes lying about it), random body, sometimes a valid header. */
export function randomInput(next: () => number): Uint8Array[] {
  const size = Math.floor(next() * 64);
  const body = new Uint8Array(size);
  for (let i = 0; i < size; i++) body[i] = Math.floor(next() * 256);
  const ops = [OpCode.create, OpCode.getData, OpCode.setData, OpCode.multi, OpCode.getChildren2, OpCode.setWatches, OpCode.delete, OpCode.exists, OpCode.auth, OpCode.check, 999];
  const shape = next();
  if (shape < 0.5) {
    const op = ops[Math.floor(next() * ops.length)];
    const frame = requestPacket(Math.floor(next() * 100), op, (w) => w.raw(body));
    // Sometimes cut it short, as if the client died mid-frame.
    return next() < 0.2 ? [frame.subarray(0, Math.floor(next() * frame.length))] : [frame];
  }
  if (shape < 0.8) return [frameOf(body)];
  const liar = new JuteWriter().int(Math.floor(next() * 0x7fffffff) * (next() < 0.2 ? -1 : 1)).raw(body).finish();
  return [liar];
}
