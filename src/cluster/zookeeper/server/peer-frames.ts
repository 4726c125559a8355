/**
 * The frames members of a multi-process ensemble exchange over `TransportPeerNetwork`. This is OUR
 * member-to-member protocol, not ZooKeeper's (a real member speaks Java-serialized `QuorumPacket`s on
 * 2888 and election notifications on 3888): a kafkalab member talks only to kafkalab members.
 *
 * Each frame is an int32 big-endian length and UTF-8 JSON (bigint zxids and session ids as `{"$n": "..."}`,
 * bytes as `{"$b": "<base64>"}`, the same codec as the stored data). A connection opens with a hello each
 * way (`{"protocol": "kafkalab-zookeeper-peer/1", "from": 3, "to": 1}`), then carries `PeerMessage`s.
 * Decoding checks what the member reads from a message, so a malformed frame is reported as such (and
 * closes only its link) instead of failing inside the election or ZAB code.
 */
import { frame } from '../../transport/frame-reader.ts';
import type { PeerMessage } from './quorum-messages.ts';
import { decode, encode } from './storage-codec.ts';

export const peerProtocol = 'kafkalab-zookeeper-peer/1';

/** Frames carry whole snapshots when a follower needs a SNAP sync: allow big ones. */
export const maxPeerFrameBytes = 256 * 1024 * 1024;

export interface PeerHello {
  protocol: typeof peerProtocol;
  /** The sender's member id. */
  from: number;
  /** The member id the sender believes it reached (a wrong ZOOKEEPER_SERVERS shows up here). */
  to: number;
}

/** A frame that is not what the protocol allows; the link that carried it is closed. */
export class MalformedPeerFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedPeerFrameError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodePeerFrame(value: PeerHello | PeerMessage): Uint8Array {
  return frame(encoder.encode(encode(value)));
}

export function decodeHello(payload: Uint8Array): PeerHello {
  const value = parse(payload);
  if (value.protocol !== peerProtocol) {
    throw new MalformedPeerFrameError(`expected a ${peerProtocol} hello, got ${describe(value.protocol ?? value.type)}`);
  }
  if (!isMemberId(value.from) || !isMemberId(value.to)) throw new MalformedPeerFrameError('hello without member ids');
  return { protocol: peerProtocol, from: value.from, to: value.to };
}

export function decodePeerMessage(payload: Uint8Array): PeerMessage {
  const value = parse(payload);
  const type = value.type;
  const shape = typeof type === 'string' && Object.hasOwn(messageShapes, type) ? messageShapes[type as PeerMessage['type']] : undefined;
  if (!shape) throw new MalformedPeerFrameError(`unknown message type ${describe(type)}`);
  for (const [field, kind] of Object.entries(shape)) {
    if (!fieldKinds[kind](value[field])) throw new MalformedPeerFrameError(`${type} message: field "${field}" is not ${kind}`);
  }
  return value as unknown as PeerMessage;
}

function parse(payload: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = decode<unknown>(decoder.decode(payload));
  } catch (error) {
    throw new MalformedPeerFrameError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new MalformedPeerFrameError('not a JSON object');
  return value as Record<string, unknown>;
}

type FieldKind = 'number' | 'bigint' | 'peer state' | 'vote' | 'proposal' | 'array' | 'bigint array' | 'boolean' | 'sync mode';

const isMemberId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

const fieldKinds: Record<FieldKind, (value: unknown) => boolean> = {
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  bigint: (value) => typeof value === 'bigint',
  'peer state': (value) => value === 'looking' || value === 'following' || value === 'leading',
  boolean: (value) => typeof value === 'boolean',
  array: (value) => Array.isArray(value),
  'bigint array': (value) => Array.isArray(value) && value.every((v) => typeof v === 'bigint'),
  vote: (value) => {
    const vote = value as { leader?: unknown; zxid?: unknown } | null;
    return vote !== null && typeof vote === 'object' && isMemberId(vote.leader) && typeof vote.zxid === 'bigint';
  },
  proposal: (value) => {
    const proposal = value as { zxid?: unknown; time?: unknown; txn?: { type?: unknown } } | null;
    return proposal !== null && typeof proposal === 'object' && typeof proposal.zxid === 'bigint' && typeof proposal.time === 'number' && typeof proposal.txn?.type === 'string';
  },
  'sync mode': (value) => value === 'diff' || value === 'snap',
};

/** What each message must carry (what the election and ZAB code read without checking). */
const messageShapes: { [Type in PeerMessage['type']]: Record<string, FieldKind> } = {
  vote: { round: 'number', vote: 'vote', state: 'peer state', acceptedEpoch: 'number' },
  'follower-info': { appliedZxid: 'bigint', acceptedEpoch: 'number', attempt: 'number' },
  sync: { epoch: 'number', mode: 'sync mode', txns: 'array', proposals: 'array' },
  'sync-ack': { epoch: 'number' },
  uptodate: {},
  propose: { proposal: 'proposal' },
  ack: { zxid: 'bigint' },
  commit: { zxid: 'bigint' },
  ping: {},
  'ping-ack': { sessions: 'bigint array' },
  request: { id: 'number', op: 'number', sessionId: 'bigint', authIds: 'array' },
  'sync-request': { id: 'number' },
  'sync-done': { id: 'number' },
  revalidate: { id: 'number', sessionId: 'bigint', timeoutMs: 'number' },
  revalidated: { id: 'number', valid: 'boolean' },
  'session-moved': { sessionId: 'bigint' },
};

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}
