/**
 * sync (9): `SyncRequest{path}` -> `SyncResponse{path}` once this member has applied everything the
 * leader committed before the sync (the request travels to the leader and back behind the commits).
 */
import type { SyncRequest } from '../../protocol/index.ts';
import { OpCode, readSyncRequest, writeSyncResponse } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<SyncRequest>({
  kind: 'session',
  op: OpCode.sync,
  name: 'sync',
  decode: readSyncRequest,
  handle: async (env, { path }) => {
    await env.syncWithLeader();
    return { err: 0, body: (w) => writeSyncResponse(w, { path }) };
  },
});
