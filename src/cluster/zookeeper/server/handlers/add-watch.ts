/**
 * addWatch (106): `AddWatchRequest{path, mode}`, a persistent (0) or persistent recursive (1) watch
 * (zkCli `addWatch [-m mode] path`). The reply carries an `ErrorResponse{0}` body (`FinalRequestProcessor`
 * `rsp = new ErrorResponse(0)`): the Java client reads it, and drops the connection without it.
 */
import type { AddWatchRequest } from '../../protocol/index.ts';
import { AddWatchMode, ErrorCode, OpCode, readAddWatchRequest, writeErrorResponse } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<AddWatchRequest>({
  kind: 'session',
  op: OpCode.addWatch,
  name: 'addWatch',
  decode: readAddWatchRequest,
  handle: ({ watches, session }, { path, mode }) => {
    if (mode !== AddWatchMode.persistent && mode !== AddWatchMode.persistentRecursive) return { err: ErrorCode.BADARGUMENTS };
    watches.addPersistentWatch(path, session.watcher, mode);
    return { err: ErrorCode.OK, body: (w) => writeErrorResponse(w, { err: ErrorCode.OK }) };
  },
});
