/**
 * whoAmI (107): the session's identities (zkCli `whoami` prints `Auth scheme: User` lines). As on a
 * real 3.8 server, a digest identity shows only its user name (`DigestAuthenticationProvider.getUserName`:
 * `alice`, not `alice:<hash>`), identities added with addauth come in the order they were added, and
 * the connection's `ip` identity comes last.
 */
import { OpCode, writeWhoAmIResponse } from '../../protocol/index.ts';
import { registerHandler } from '../handler-registry.ts';

registerHandler<null>({
  kind: 'read',
  op: OpCode.whoAmI,
  name: 'whoAmI',
  decode: () => null,
  read: ({ session }) => {
    const ids = [...session.authIds.filter((id) => id.scheme !== 'ip'), ...session.authIds.filter((id) => id.scheme === 'ip')];
    const clientInfo = ids.map((id) => ({ authScheme: id.scheme, user: id.scheme === 'digest' ? id.id.split(':')[0] : id.id }));
    return { err: 0, body: (w) => writeWhoAmIResponse(w, { clientInfo }) };
  },
});
