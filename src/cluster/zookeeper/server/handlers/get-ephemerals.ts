/** getEphemerals (103): the session's ephemeral paths under a prefix (zkCli `getEphemerals`). */
import type { GetEphemeralsRequest } from '../../protocol/index.ts';
import { OpCode, readGetEphemeralsRequest, writeGetEphemeralsResponse } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<GetEphemeralsRequest>({
  kind: 'read',
  op: OpCode.getEphemerals,
  name: 'getEphemerals',
  decode: readGetEphemeralsRequest,
  read: ({ tree, session }, { prefixPath }) => {
    const ephemerals = tree
      .ephemeralsOf(session.sessionId)
      .filter((path) => prefixPath === '/' || path.startsWith(prefixPath))
      .sort();
    return { err: 0, body: (w) => writeGetEphemeralsResponse(w, { ephemerals }) };
  },
});
