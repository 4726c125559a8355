/** create (1): `CreateRequest{path, data, acl, flags}` -> `CreateResponse{path}` (the actual path, with any sequence suffix). */
import type { CreateRequest } from '../../protocol/index.ts';
import { OpCode, readCreateRequest, writeCreateResponse } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';
import { createdPath, prepareCreate } from './create-common.ts';

registerHandler<CreateRequest>({
  kind: 'write',
  op: OpCode.create,
  name: 'create',
  decode: readCreateRequest,
  prepare: (env, request) => prepareCreate(env, request, OpCode.create),
  reply: (result) => {
    const { path } = createdPath(result);
    return { err: 0, body: (w) => writeCreateResponse(w, { path }) };
  },
});
