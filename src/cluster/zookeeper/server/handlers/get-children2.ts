/** getChildren2 (12): getChildren plus the parent's Stat (`GetChildren2Response`); zkCli `ls` and node-zookeeper-client use it. */
import type { GetChildrenRequest } from '../../protocol/index.ts';
import { OpCode, readGetChildrenRequest } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';
import { getChildren } from './get-children.ts';

registerHandler<GetChildrenRequest>({
  kind: 'read',
  op: OpCode.getChildren2,
  name: 'getChildren2',
  decode: readGetChildrenRequest,
  read: (env, request) => getChildren(env, request, true),
});
