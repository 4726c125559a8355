/** setACL (7): ACL valid (INVALIDACL), node exists, ADMIN permission, aversion check -> `aversion + 1`. */
import type { SetACLRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, Perms, ZooKeeperError, readSetACLRequest, writeSetACLResponse } from '../../protocol/index.ts';
import { fixupAcl, requirePerm } from '../acl.ts';
import type { Prepared } from '../handler-registry.ts';
import { guard, registerHandler } from '../handler-registry.ts';
import { invalidPathReason } from '../paths.ts';
import { checkVersion } from './version.ts';

registerHandler<SetACLRequest>({
  kind: 'write',
  op: OpCode.setACL,
  name: 'setACL',
  decode: readSetACLRequest,
  prepare: (env, request) =>
    guard<Prepared>(
      () => {
        const { path } = request;
        if (invalidPathReason(path)) throw new ZooKeeperError(ErrorCode.BADARGUMENTS, path);
        const acl = fixupAcl(request.acl, env.authIds, path);
        const node = env.view.get(path);
        if (!node) throw new ZooKeeperError(ErrorCode.NONODE, path);
        requirePerm(node.acl, Perms.admin, env.authIds, path);
        const version = checkVersion(node.aversion, request.version, path);
        return { txn: { type: 'setACL', path, acl, version } };
      },
      (err) => ({ err }),
    ),
  reply: (result) => {
    if (result.type !== 'setACL') throw new Error(`setACL committed as ${result.type}`);
    return { err: 0, body: (w) => writeSetACLResponse(w, { stat: result.stat }) };
  },
});
