/**
 * auth (100, xid -4): `AuthPacket{type, scheme, auth}`, answered with zxid 0 like a real server.
 * `digest` adds the identity `user:base64(sha1(user:password))` to the connection (ACLs with
 * `digest:` ids then match); `world` adds nothing; any other scheme fails with AUTHFAILED and the
 * connection closes (`ZooKeeperServer.processPacket`).
 */
import type { AuthPacket } from '../../protocol/index.ts';
import { ErrorCode, OpCode, readAuthPacket } from '../../protocol/index.ts';
import { ok, registerHandler } from '../handler-registry.ts';
import { digestId } from '../sha1.ts';

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
