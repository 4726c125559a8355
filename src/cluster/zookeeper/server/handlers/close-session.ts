/**
 * closeSession (-11): a write like any other (the session's ephemerals go in the same transaction);
 * the reply `{xid, zxid, 0}` is followed by the server closing the socket (`FinalRequestProcessor`
 * l.345-349), which all three clients expect.
 */
import { OpCode } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<null>({
  kind: 'write',
  op: OpCode.closeSession,
  name: 'closeSession',
  decode: () => null,
  prepare: (env) => ({ txn: { type: 'closeSession', sessionId: env.sessionId } }),
  reply: () => ({ err: 0, close: true }),
});
