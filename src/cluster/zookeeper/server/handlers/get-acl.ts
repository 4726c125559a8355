/** getACL (6): `GetACLResponse{acl, stat}`; zkCli `getAcl` prints `'world,'anyone : cdrwa`. */
import type { GetACLRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, readGetACLRequest, writeGetACLResponse } from '../../protocol/index.ts';
import { statOf } from '../data-tree.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<GetACLRequest>({
  kind: 'read',
  op: OpCode.getACL,
  name: 'getACL',
  decode: readGetACLRequest,
  read: ({ tree }, { path }) => {
    const node = tree.node(path);
    if (!node) return { err: ErrorCode.NONODE };
    const acl = node.acl;
    const stat = statOf(node);
    return { err: 0, body: (w) => writeGetACLResponse(w, { acl, stat }) };
  },
});
