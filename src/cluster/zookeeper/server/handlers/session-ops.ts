/**
 * Session-level requests answered by the member the client is on:
 * - ping (11, xid -2): bare ReplyHeader with the last zxid (`FinalRequestProcessor` l.215-220);
 * - auth (100, xid -4): `AuthPacket{type, scheme, auth}`; `digest` adds `user:base64(sha1(user:pass))`,
 *   `world` nothing; other schemes fail with AUTHFAILED and the connection closes (real servers reply
 *   with zxid 0 to auth, which the connection does for xid -4);
 * - sync (9): waits until this member applied everything committed before it, then `SyncResponse{path}`;
 * - closeSession (-11) is a write (see close-session.ts).
 */
import type { AuthPacket, SyncRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, readAuthPacket, readSyncRequest, writeSyncResponse } from '../../protocol/index.ts';
import { ok, registerHandler } from '../handler-registry.ts';
import { digestId } from '../sha1.ts';

registerHandler<null>({
  kind: 'session',
  op: OpCode.ping,
  name: 'ping',
  decode: () => null,
  handle: () => ok,
});

registerHandler<AuthPacket>({
  kind: 'session',
  op: OpCode.auth,
  name: 'auth',
  decode: readAuthPacket,
  handle: ({ session }, { scheme, auth }) => {
    const text = new TextDecoder().decode(auth ?? new Uint8Array(0));
    if (scheme === 'digest' && text.includes(':')) {
      const id = { scheme: 'digest', id: digestId(text) };
      if (!session.authIds.some((a) => a.scheme === id.scheme && a.id === id.id)) session.authIds.push(id);
      return ok;
    }
    if (scheme === 'world') return ok;
    return { err: ErrorCode.AUTHFAILED, close: true };
  },
});

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
