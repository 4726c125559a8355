/** multiRead (22): getChildren/getData ops answered independently; a failing op gives an ErrorResult. */
import type { MultiOp, MultiResult } from '../../protocol/index.ts';
import { ErrorCode, OpCode, Perms, readMultiRequest, writeMultiResponse } from '../../protocol/index.ts';
import { aclAllows } from '../acl.ts';
import { statOf } from '../data-tree.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<MultiOp[]>({
  kind: 'read',
  op: OpCode.multiRead,
  name: 'multiRead',
  decode: readMultiRequest,
  read: ({ tree, session }, ops) => {
    const results: MultiResult[] = ops.map((op) => {
      if (op.type !== OpCode.getData && op.type !== OpCode.getChildren) return { type: OpCode.error, err: ErrorCode.BADARGUMENTS };
      const node = tree.node(op.request.path);
      if (!node) return { type: OpCode.error, err: ErrorCode.NONODE };
      if (!aclAllows(node.acl, Perms.read, session.authIds)) return { type: OpCode.error, err: ErrorCode.NOAUTH };
      return op.type === OpCode.getData
        ? { type: OpCode.getData, data: node.data, stat: statOf(node) }
        : { type: OpCode.getChildren, children: [...node.children].sort() };
    });
    return { err: 0, body: (w) => writeMultiResponse(w, results) };
  },
});
