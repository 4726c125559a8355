/**
 * delete (2): `PrepRequestProcessor` OpCode.delete. The system znodes (`/`, `/zookeeper`,
 * `/zookeeper/quota`, `/zookeeper/config`) answer BADARGUMENTS (verified: deleting /zookeeper -> -8).
 * Then: parent exists, DELETE permission on the parent, node exists, version (-1 = any), no children.
 */
import type { DeleteRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, Perms, ZooKeeperError, readDeleteRequest } from '../../protocol/index.ts';
import { requirePerm } from '../acl.ts';
import { checkVersion } from './version.ts';
import type { PrepareEnv, Prepared } from '../handler-registry.ts';
import { guard, ok, registerHandler } from '../handler-registry.ts';
import { invalidPathReason, isSystemPath, parentOf } from '../paths.ts';

export function prepareDelete(env: PrepareEnv, request: DeleteRequest): Prepared {
  return guard<Prepared>(
    () => {
      const { path } = request;
      if (invalidPathReason(path) || isSystemPath(path)) throw new ZooKeeperError(ErrorCode.BADARGUMENTS, path);
      const parent = env.view.get(parentOf(path));
      if (!parent) throw new ZooKeeperError(ErrorCode.NONODE, path);
      requirePerm(parent.acl, Perms.delete, env.authIds, path);
      const node = env.view.get(path);
      if (!node) throw new ZooKeeperError(ErrorCode.NONODE, path);
      checkVersion(node.version, request.version, path);
      if (node.childCount > 0) throw new ZooKeeperError(ErrorCode.NOTEMPTY, path);
      return { txn: { type: 'delete', path } };
    },
    (err) => ({ err }),
  );
}

registerHandler<DeleteRequest>({
  kind: 'write',
  op: OpCode.delete,
  name: 'delete',
  decode: readDeleteRequest,
  prepare: prepareDelete,
  reply: () => ok,
});
