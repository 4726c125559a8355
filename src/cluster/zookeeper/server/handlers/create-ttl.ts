/**
 * createTTL (21): `CreateTTLRequest` (+ `long ttl`). TTL nodes need `zookeeper.extendedTypesEnabled`,
 * off on a real server by default, so the answer is UNIMPLEMENTED (-6) as there.
 */
import type { CreateTTLRequest } from '../../protocol/index.ts';
import { OpCode, readCreateTTLRequest } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';
import { create2Reply, prepareCreate } from './create-common.ts';

registerHandler<CreateTTLRequest>({
  kind: 'write',
  op: OpCode.createTTL,
  name: 'createTTL',
  decode: readCreateTTLRequest,
  prepare: (env, request) => prepareCreate(env, request, OpCode.createTTL),
  reply: create2Reply,
});
