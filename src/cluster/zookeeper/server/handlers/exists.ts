/**
 * exists (3): `ExistsResponse{stat}`, or NONODE. With watch=1 a data watch is set even when the node
 * does not exist (`DataTree.statNode`), so the client hears NodeCreated.
 */
import type { ExistsRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, readExistsRequest, writeExistsResponse } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<ExistsRequest>({
  kind: 'read',
  op: OpCode.exists,
  name: 'exists',
  decode: readExistsRequest,
  read: ({ tree, watches, session }, { path, watch }) => {
    if (path.includes('\0')) return { err: ErrorCode.BADARGUMENTS };
    if (watch) watches.addDataWatch(path, session.watcher);
    const stat = tree.stat(path);
    if (!stat) return { err: ErrorCode.NONODE };
    return { err: 0, body: (w) => writeExistsResponse(w, { stat }) };
  },
});
