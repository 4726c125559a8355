/** whoAmI (107): the session's identities (zkCli `whoami` prints `Auth scheme: User` lines). */
import { OpCode, writeWhoAmIResponse } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<null>({
  kind: 'read',
  op: OpCode.whoAmI,
  name: 'whoAmI',
  decode: () => null,
  read: ({ session }) => {
    const clientInfo = session.authIds.map((id) => ({ authScheme: id.scheme, user: id.id }));
    return { err: 0, body: (w) => writeWhoAmIResponse(w, { clientInfo }) };
  },
});
