/** Small conversions shared by the client's requests: data to bytes, create modes to flags, the open ACL. */
import type { ACL } from '../protocol/records/acl.ts';
import { CreateMode as WireCreateMode, Perms } from '../protocol/op-codes.ts';
import type { CreateMode } from './types.ts';

/** `world:anyone` with every permission (`ZooDefs.Ids.OPEN_ACL_UNSAFE`), what Kafka uses by default. */
export const OPEN_ACL_UNSAFE: ACL[] = [{ perms: Perms.all, id: { scheme: 'world', id: 'anyone' } }];

const utf8 = new TextEncoder();

/** Strings are sent as UTF-8; `undefined` as empty data. */
export function toBytes(data: Uint8Array | string | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  return typeof data === 'string' ? utf8.encode(data) : data;
}

const flagsByMode: Record<CreateMode, number> = {
  persistent: WireCreateMode.persistent,
  ephemeral: WireCreateMode.ephemeral,
  'persistent-sequential': WireCreateMode.persistentSequential,
  'ephemeral-sequential': WireCreateMode.ephemeralSequential,
};

export function createFlags(mode: CreateMode): number {
  const flags = flagsByMode[mode];
  if (flags === undefined) {
    throw new TypeError(`unknown create mode "${String(mode)}"; use one of ${Object.keys(flagsByMode).join(', ')}`);
  }
  return flags;
}

export function isSequential(mode: CreateMode): boolean {
  return mode === 'persistent-sequential' || mode === 'ephemeral-sequential';
}
