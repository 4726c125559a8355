/**
 * ping (11, xid -2): a bare ReplyHeader `{-2, lastZxid, 0}` (`FinalRequestProcessor` l.215-220). Every
 * packet touches the session; clients ping when idle for a third of the timeout.
 */
import { OpCode } from '../../protocol/index.ts';
import { ok, registerHandler } from '../handler-registry.ts';

registerHandler<null>({
  kind: 'session',
  op: OpCode.ping,
  name: 'ping',
  decode: () => null,
  handle: () => ok,
});
