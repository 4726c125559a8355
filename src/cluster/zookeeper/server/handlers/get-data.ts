/** getData (4): `GetDataResponse{data, stat}` (data -1 when created with null), READ permission; watch only on an existing node. */
import type { GetDataRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, Perms, readGetDataRequest, writeGetDataResponse } from '../../protocol/index.ts';
import { aclAllows } from '../acl.ts';
import { statOf } from '../data-tree.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<GetDataRequest>({
  kind: 'read',
  op: OpCode.getData,
  name: 'getData',
  decode: readGetDataRequest,
  read: ({ tree, watches, session }, { path, watch }) => {
    const node = tree.node(path);
    if (!node) return { err: ErrorCode.NONODE };
    if (!aclAllows(node.acl, Perms.read, session.authIds)) return { err: ErrorCode.NOAUTH };
    if (watch) watches.addDataWatch(path, session.watcher);
    const data = node.data;
    const stat = statOf(node);
    return { err: 0, body: (w) => writeGetDataResponse(w, { data, stat }) };
  },
});
