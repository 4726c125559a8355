/**
 * getChildren (8): `GetChildrenResponse{children}`, child names (not paths), READ permission, child
 * watch only on an existing node. kazoo's `get_children` uses it (zkCli and node-zookeeper-client use
 * getChildren2, see get-children2.ts).
 */
import type { GetChildrenRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, Perms, readGetChildrenRequest, writeGetChildren2Response, writeGetChildrenResponse } from '../../protocol/index.ts';
import { aclAllows } from '../acl.ts';
import { statOf } from '../data-tree.ts';
import type { ReadEnv, Reply } from '../handler-registry.ts';
import { registerHandler } from '../handler-registry.ts';

export function getChildren({ tree, watches, session }: ReadEnv, { path, watch }: GetChildrenRequest, withStat: boolean): Reply {
  const node = tree.node(path);
  if (!node) return { err: ErrorCode.NONODE };
  if (!aclAllows(node.acl, Perms.read, session.authIds)) return { err: ErrorCode.NOAUTH };
  if (watch) watches.addChildWatch(path, session.watcher);
  const children = [...node.children].sort();
  if (!withStat) return { err: 0, body: (w) => writeGetChildrenResponse(w, { children }) };
  const stat = statOf(node);
  return { err: 0, body: (w) => writeGetChildren2Response(w, { children, stat }) };
}

registerHandler<GetChildrenRequest>({
  kind: 'read',
  op: OpCode.getChildren,
  name: 'getChildren',
  decode: readGetChildrenRequest,
  read: (env, request) => getChildren(env, request, false),
});
