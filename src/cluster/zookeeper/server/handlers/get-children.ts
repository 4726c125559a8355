/**
 * getChildren (8) and getChildren2 (12): child names (not paths), READ permission, child watch only on
 * an existing node. getChildren2 adds the parent's Stat; zkCli `ls` and node-zookeeper-client use it,
 * kazoo uses getChildren.
 */
import type { GetChildrenRequest } from '../../protocol/index.ts';
import { ErrorCode, OpCode, Perms, readGetChildrenRequest, writeGetChildren2Response, writeGetChildrenResponse } from '../../protocol/index.ts';
import { aclAllows } from '../acl.ts';
import { statOf } from '../data-tree.ts';
import type { ReadEnv, Reply } from '../handler-registry.ts';
import { registerHandler } from '../handler-registry.ts';

function getChildren({ tree, watches, session }: ReadEnv, { path, watch }: GetChildrenRequest, withStat: boolean): Reply {
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

registerHandler<GetChildrenRequest>({
  kind: 'read',
  op: OpCode.getChildren2,
  name: 'getChildren2',
  decode: readGetChildrenRequest,
  read: (env, request) => getChildren(env, request, true),
});
