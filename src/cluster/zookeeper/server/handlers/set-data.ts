/**
 * setData (5): node exists, WRITE permission, version (-1 = any) -> `version + 1`, `mzxid`, `mtime`.
 * Answers `SetDataResponse{stat}` with the new Stat. Fires NodeDataChanged.
 */
import type { SetDataRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, Perms, ZooKeeperError, readSetDataRequest, writeSetDataResponse } from '../../protocol/index.ts';
import { requirePerm } from '../acl.ts';
import type { PrepareEnv, Prepared } from '../handler-registry.ts';
import { guard, registerHandler } from '../handler-registry.ts';
import { invalidPathReason } from '../paths.ts';
import { checkVersion } from './version.ts';

export function prepareSetData(env: PrepareEnv, request: SetDataRequest): Prepared {
  return guard<Prepared>(
    () => {
      const { path } = request;
      if (invalidPathReason(path)) throw new ZooKeeperError(ErrorCode.BADARGUMENTS, path);
      const node = env.view.get(path);
      if (!node) throw new ZooKeeperError(ErrorCode.NONODE, path);
      requirePerm(node.acl, Perms.write, env.authIds, path);
      const version = checkVersion(node.version, request.version, path);
      return { txn: { type: 'setData', path, data: request.data, version } };
    },
    (err) => ({ err }),
  );
}

registerHandler<SetDataRequest>({
  kind: 'write',
  op: OpCode.setData,
  name: 'setData',
  decode: readSetDataRequest,
  prepare: prepareSetData,
  reply: (result) => {
    if (result.type !== 'setData') throw new Error(`setData committed as ${result.type}`);
    return { err: 0, body: (w) => writeSetDataResponse(w, { stat: result.stat }) };
  },
});
