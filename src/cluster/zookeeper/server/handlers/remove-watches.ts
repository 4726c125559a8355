/** removeWatches (18): removes the connection's watches of that type on the path (zkCli `removewatches`), NOWATCHER (-121) when there are none. */
import type { RemoveWatchesRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, readRemoveWatchesRequest } from '../../protocol/index.ts';
import { ok, registerHandler } from '../handler-registry.ts';

registerHandler<RemoveWatchesRequest>({
  kind: 'session',
  op: OpCode.removeWatches,
  name: 'removeWatches',
  decode: readRemoveWatchesRequest,
  handle: ({ watches, session }, { path, type }) =>
    watches.removeWatch(path, type, session.watcher, false) ? ok : { err: ErrorCode.NOWATCHER },
});
