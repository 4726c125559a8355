/**
 * reconfig (16): dynamic reconfiguration is off on a real 3.8 server unless `reconfigEnabled=true`, so
 * the leader answers RECONFIGDISABLED (-123); zkCli prints "KeeperErrorCode = Reconfig is disabled".
 */
import type { ReconfigRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, readReconfigRequest } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<ReconfigRequest>({
  kind: 'write',
  op: OpCode.reconfig,
  name: 'reconfig',
  decode: readReconfigRequest,
  prepare: () => ({ err: ErrorCode.RECONFIGDISABLED }),
  reply: () => ({ err: ErrorCode.RECONFIGDISABLED }),
});
