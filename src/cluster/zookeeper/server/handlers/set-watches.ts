/**
 * setWatches (101) and setWatches2 (105, adds persistent watches): sent by zkCli and
 * node-zookeeper-client after a reconnect, with a normal xid (kazoo never sends it). Anything that
 * changed since `relativeZxid` fires at once, before the reply; the rest is re-registered
 * (`DataTree.setWatches` l.1507-1546). The reply is a bare header.
 */
import type { SetWatches2 } from '../../protocol/index.ts';
import { AddWatchMode, EventType, OpCode, readSetWatches, readSetWatches2 } from '../../protocol/index.ts';
import type { SessionEnv } from '../handler-registry.ts';
import { ok, registerHandler } from '../handler-registry.ts';

function setWatches({ tree, watches, session }: SessionEnv, request: SetWatches2) {
  const { watcher } = session;
  const since = request.relativeZxid;
  for (const path of request.dataWatches) {
    const node = tree.node(path);
    if (!node) watcher.notify(EventType.nodeDeleted, path);
    else if (node.mzxid > since) watcher.notify(EventType.nodeDataChanged, path);
    else watches.addDataWatch(path, watcher);
  }
  for (const path of request.existWatches) {
    if (tree.node(path)) watcher.notify(EventType.nodeCreated, path);
    else watches.addDataWatch(path, watcher);
  }
  for (const path of request.childWatches) {
    const node = tree.node(path);
    if (!node) watcher.notify(EventType.nodeDeleted, path);
    else if (node.pzxid > since) watcher.notify(EventType.nodeChildrenChanged, path);
    else watches.addChildWatch(path, watcher);
  }
  for (const path of request.persistentWatches) watches.addPersistentWatch(path, watcher, AddWatchMode.persistent);
  for (const path of request.persistentRecursiveWatches) watches.addPersistentWatch(path, watcher, AddWatchMode.persistentRecursive);
  return ok;
}

registerHandler<SetWatches2>({
  kind: 'session',
  op: OpCode.setWatches,
  name: 'setWatches',
  decode: (r) => ({ ...readSetWatches(r), persistentWatches: [], persistentRecursiveWatches: [] }),
  handle: setWatches,
});

registerHandler<SetWatches2>({
  kind: 'session',
  op: OpCode.setWatches2,
  name: 'setWatches2',
  decode: readSetWatches2,
  handle: setWatches,
});
