/**
 * getACL (6): `GetACLResponse{acl, stat}`; zkCli `getAcl` prints `'world,'anyone : cdrwa`. Needs READ or
 * ADMIN on the node (3.8 `FinalRequestProcessor`: `checkACL(..., Perms.READ | Perms.ADMIN, ...)`), so an
 * ACL such as `world:anyone:c` answers NOAUTH ("Insufficient permission") to getAcl too.
 */
import type { GetACLRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, Perms, readGetACLRequest, writeGetACLResponse } from '../../protocol/index.ts';
import { aclAllows } from '../acl.ts';
import { statOf } from '../data-tree.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<GetACLRequest>({
  kind: 'read',
  op: OpCode.getACL,
  name: 'getACL',
  decode: readGetACLRequest,
  read: ({ tree, session }, { path }) => {
    const node = tree.node(path);
    if (!node) return { err: ErrorCode.NONODE };
    if (!aclAllows(node.acl, Perms.read | Perms.admin, session.authIds)) return { err: ErrorCode.NOAUTH };
    const acl = node.acl;
    const stat = statOf(node);
    return { err: 0, body: (w) => writeGetACLResponse(w, { acl, stat }) };
  },
});
