/**
 * Validation shared by create (1), create2 (15), createContainer (19) and createTTL (21):
 * `PrepRequestProcessor.pRequest2TxnCreate`.
 * Check order as in 3.8: flags -> path shape -> ACL -> parent exists -> CREATE permission on the parent
 * -> sequence suffix (`%010d` of the parent's internal cversion) -> full path valid -> not existing ->
 * parent not ephemeral. create answers `CreateResponse{path}`, the others `Create2Response{path, stat}`.
 * TTL nodes need `zookeeper.extendedTypesEnabled` on a real server, which is off: UNIMPLEMENTED.
 */
import type { CreateRequest } from '../../protocol/index.ts';
import { CreateMode, ErrorCode, OpCode, Perms, ZooKeeperError, isEphemeralMode, isSequentialMode, writeCreate2Response } from '../../protocol/index.ts';
import { fixupAcl, requirePerm } from '../acl.ts';
import type { PrepareEnv, Prepared, Reply } from '../handler-registry.ts';
import { guard } from '../handler-registry.ts';
import { invalidPathReason, parentOf } from '../paths.ts';
import { containerOwner } from '../txn.ts';
import type { TxnResult } from '../data-tree.ts';

export function prepareCreate(env: PrepareEnv, request: CreateRequest, op: number): Prepared {
  return guard<Prepared>(
    () => {
      const { flags } = request;
      const path = request.path;
      if (flags < CreateMode.persistent || flags > CreateMode.persistentSequentialWithTTL) {
        throw new ZooKeeperError(ErrorCode.BADARGUMENTS, path);
      }
      const ttlMode = flags === CreateMode.persistentWithTTL || flags === CreateMode.persistentSequentialWithTTL;
      if (ttlMode || op === OpCode.createTTL) throw new ZooKeeperError(ErrorCode.UNIMPLEMENTED, path);
      if ((op === OpCode.createContainer) !== (flags === CreateMode.container)) throw new ZooKeeperError(ErrorCode.BADARGUMENTS, path);
      const sequential = isSequentialMode(flags);
      if (path.lastIndexOf('/') === -1 || path.includes('\0') || invalidPathReason(path, sequential)) {
        throw new ZooKeeperError(ErrorCode.BADARGUMENTS, path);
      }
      const acl = fixupAcl(request.acl, env.authIds, path);
      const parentPath = parentOf(path);
      const parent = parentPath === '' ? undefined : env.view.get(parentPath);
      if (!parent) throw new ZooKeeperError(path === '/' ? ErrorCode.NODEEXISTS : ErrorCode.NONODE, path);
      requirePerm(parent.acl, Perms.create, env.authIds, path);
      const finalPath = sequential ? `${path}${String(parent.cversion).padStart(10, '0')}` : path;
      if (invalidPathReason(finalPath)) throw new ZooKeeperError(ErrorCode.BADARGUMENTS, finalPath);
      if (env.view.get(finalPath)) throw new ZooKeeperError(ErrorCode.NODEEXISTS, finalPath);
      if (parent.ephemeralOwner !== 0n && parent.ephemeralOwner !== containerOwner) {
        throw new ZooKeeperError(ErrorCode.NOCHILDRENFOREPHEMERALS, finalPath);
      }
      const ephemeralOwner = isEphemeralMode(flags) ? env.sessionId : flags === CreateMode.container ? containerOwner : 0n;
      return {
        txn: { type: 'create', path: finalPath, data: request.data, acl, ephemeralOwner, parentCVersion: parent.cversion + 1 },
      };
    },
    (err) => ({ err }),
  );
}

/** The create transaction's result, or a clear error if a handler was wired to the wrong transaction. */
export function createdPath(result: TxnResult): Extract<TxnResult, { type: 'create' }> {
  if (result.type !== 'create') throw new Error(`create committed as ${result.type}`);
  return result;
}

/** `Create2Response{path, stat}`: create2, createContainer and createTTL answer with the Stat too. */
export const create2Reply = (result: TxnResult): Reply => {
  const { path, stat } = createdPath(result);
  return { err: 0, body: (w) => writeCreate2Response(w, { path, stat }) };
};
