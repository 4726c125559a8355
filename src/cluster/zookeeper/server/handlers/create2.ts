/** create2 (15): like create, answered with `Create2Response{path, stat}` (kazoo `include_data=True`). */
import type { CreateRequest } from '../../protocol/index.ts';
import { OpCode, readCreateRequest } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';
import { create2Reply, prepareCreate } from './create-common.ts';

registerHandler<CreateRequest>({
  kind: 'write',
  op: OpCode.create2,
  name: 'create2',
  decode: readCreateRequest,
  prepare: (env, request) => prepareCreate(env, request, OpCode.create2),
  reply: create2Reply,
});
