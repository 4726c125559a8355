/** checkWatches (17): OK when the connection holds a watch of that type (1 children, 2 data, 3 any) on the path, else NOWATCHER (-121). */
import type { RemoveWatchesRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, readRemoveWatchesRequest } from '../../protocol/index.ts';
import { ok, registerHandler } from '../handler-registry.ts';

registerHandler<RemoveWatchesRequest>({
  kind: 'session',
  op: OpCode.checkWatches,
  name: 'checkWatches',
  decode: readRemoveWatchesRequest,
  handle: ({ watches, session }, { path, type }) =>
    watches.removeWatch(path, type, session.watcher, true) ? ok : { err: ErrorCode.NOWATCHER },
});
