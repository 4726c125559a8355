/** getAllChildrenNumber (104): number of znodes below a path (zkCli `getAllChildrenNumber`). */
import type { GetAllChildrenNumberRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, Perms, readGetAllChildrenNumberRequest, writeGetAllChildrenNumberResponse } from '../../protocol/index.ts';
import { aclAllows } from '../acl.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<GetAllChildrenNumberRequest>({
  kind: 'read',
  op: OpCode.getAllChildrenNumber,
  name: 'getAllChildrenNumber',
  decode: readGetAllChildrenNumberRequest,
  read: ({ tree, session }, { path }) => {
    const node = tree.node(path);
    if (!node) return { err: ErrorCode.NONODE };
    if (!aclAllows(node.acl, Perms.read, session.authIds)) return { err: ErrorCode.NOAUTH };
    const totalNumber = tree.descendantCount(path);
    return { err: 0, body: (w) => writeGetAllChildrenNumberResponse(w, { totalNumber }) };
  },
});
