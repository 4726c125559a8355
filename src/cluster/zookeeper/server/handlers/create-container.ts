/**
 * createContainer (19): flags must be CONTAINER (4); the node is marked with ephemeralOwner
 * Long.MIN_VALUE like a real container. The container reaper (deleting empty containers) is not run.
 */
import type { CreateRequest } from '../../protocol/index.ts';
import { OpCode, readCreateRequest } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';
import { create2Reply, prepareCreate } from './create-common.ts';

registerHandler<CreateRequest>({
  kind: 'write',
  op: OpCode.createContainer,
  name: 'createContainer',
  decode: readCreateRequest,
  prepare: (env, request) => prepareCreate(env, request, OpCode.createContainer),
  reply: create2Reply,
});
