/**
 * ACL checks (`ZooKeeperServer.checkACL`, `PrepRequestProcessor.fixupACL`). The schemes a teaching
 * cluster meets are `world:anyone` (every default ACL), `auth` (replaced by the session's identities),
 * `digest` and `ip`; a session's identities are `ip:<address>` plus whatever it added with addauth.
 */
import type { ACL, Id } from '../protocol/index.ts';
import { ErrorCode, ZooKeeperError } from '../protocol/index.ts';

/** True when `acl` grants `perm` to a session with identities `authIds` (an empty ACL grants all). */
export function aclAllows(acl: readonly ACL[], perm: number, authIds: readonly Id[]): boolean {
  if (acl.length === 0) return true;
  if (authIds.some((id) => id.scheme === 'super')) return true;
  for (const entry of acl) {
    if ((entry.perms & perm) === 0) continue;
    if (entry.id.scheme === 'world' && entry.id.id === 'anyone') return true;
    if (authIds.some((id) => id.scheme === entry.id.scheme && id.id === entry.id.id)) return true;
  }
  return false;
}

/** Throws NOAUTH unless `acl` grants `perm`. */
export function requirePerm(acl: readonly ACL[], perm: number, authIds: readonly Id[], path: string): void {
  if (!aclAllows(acl, perm, authIds)) throw new ZooKeeperError(ErrorCode.NOAUTH, path);
}

/** Validates a client-supplied ACL and expands `auth` entries; throws INVALIDACL like the real server. */
export function fixupAcl(acl: readonly ACL[] | null, authIds: readonly Id[], path: string): ACL[] {
  if (!acl || acl.length === 0) throw new ZooKeeperError(ErrorCode.INVALIDACL, path);
  const out: ACL[] = [];
  for (const entry of acl) {
    const { scheme, id } = entry.id;
    if (scheme === 'world') {
      if (id !== 'anyone') throw new ZooKeeperError(ErrorCode.INVALIDACL, path);
      out.push(entry);
    } else if (scheme === 'auth') {
      const mine = authIds.filter((a) => a.scheme !== 'ip' && a.scheme !== 'super');
      if (mine.length === 0) throw new ZooKeeperError(ErrorCode.INVALIDACL, path);
      for (const a of mine) out.push({ perms: entry.perms, id: { scheme: a.scheme, id: a.id } });
    } else if (scheme === 'digest') {
      if (!id.includes(':')) throw new ZooKeeperError(ErrorCode.INVALIDACL, path);
      out.push(entry);
    } else if (scheme === 'ip') {
      if (!/^[0-9a-fA-F.:]+(\/\d+)?$/.test(id)) throw new ZooKeeperError(ErrorCode.INVALIDACL, path);
      out.push(entry);
    } else {
      throw new ZooKeeperError(ErrorCode.INVALIDACL, path);
    }
  }
  return out;
}
