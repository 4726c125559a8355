/** check (13): node exists, READ permission, version matches. Used inside multi (Kafka guards every controller write with it). */
import type { CheckVersionRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, Perms, ZooKeeperError, readCheckVersionRequest } from '../../protocol/index.ts';
import { requirePerm } from '../acl.ts';
import type { PrepareEnv, Prepared } from '../handler-registry.ts';
import { guard, ok, registerHandler } from '../handler-registry.ts';
import { invalidPathReason } from '../paths.ts';
import { checkVersion } from './version.ts';

export function prepareCheck(env: PrepareEnv, request: CheckVersionRequest): Prepared {
  return guard<Prepared>(
    () => {
      const { path } = request;
      if (invalidPathReason(path)) throw new ZooKeeperError(ErrorCode.BADARGUMENTS, path);
      const node = env.view.get(path);
      if (!node) throw new ZooKeeperError(ErrorCode.NONODE, path);
      requirePerm(node.acl, Perms.read, env.authIds, path);
      checkVersion(node.version, request.version, path);
      return { txn: { type: 'check', path } };
    },
    (err) => ({ err }),
  );
}

registerHandler<CheckVersionRequest>({
  kind: 'write',
  op: OpCode.check,
  name: 'check',
  decode: readCheckVersionRequest,
  prepare: prepareCheck,
  reply: () => ok,
});
