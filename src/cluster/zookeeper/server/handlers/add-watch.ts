/** addWatch (106): `AddWatchRequest{path, mode}`, a persistent (0) or persistent recursive (1) watch (zkCli `addWatch [-m mode] path`). */
import type { AddWatchRequest } from '../../protocol/index.ts';
import { AddWatchMode, ErrorCode, OpCode, readAddWatchRequest } from '../../protocol/index.ts';
import { ok, registerHandler } from '../handler-registry.ts';

registerHandler<AddWatchRequest>({
  kind: 'session',
  op: OpCode.addWatch,
  name: 'addWatch',
  decode: readAddWatchRequest,
  handle: ({ watches, session }, { path, mode }) => {
    if (mode !== AddWatchMode.persistent && mode !== AddWatchMode.persistentRecursive) return { err: ErrorCode.BADARGUMENTS };
    watches.addPersistentWatch(path, session.watcher, mode);
    return ok;
  },
});
