/**
 * The replicated znode tree (ZooKeeper's `DataTree`): znodes, their Stat bookkeeping, ephemerals by
 * session, and the session table. It changes only through `apply(committed)`, which every member runs
 * for the same transactions in zxid order, so replicas stay identical.
 *
 * Stat rules copied from the real server (release-3.8.0-1):
 * - create: `czxid = mzxid = pzxid = zxid`, `ctime = mtime = time`; parent `pzxid = zxid` and its
 *   internal cversion set to the txn's `parentCVersion` (creates count).
 * - delete: parent `pzxid = zxid` (only if larger); the internal cversion does not change.
 * - the cversion clients see is `2 * internal - numChildren` (`DataNode.copyStat`), so a create then a
 *   delete shows 1 then 2, while the next sequential child still gets suffix `%010d` of the internal
 *   count (`PrepRequestProcessor` l.690-693). A fresh `/` therefore shows cversion -1.
 */
import type { ACL, Stat } from '../protocol/index.ts';
import { EventType } from '../protocol/index.ts';
import { nameOf, parentOf } from './paths.ts';
import type { CommittedTxn, Txn } from './txn.ts';

export interface ZNode {
  data: Uint8Array | null;
  acl: ACL[];
  czxid: bigint;
  mzxid: bigint;
  ctime: bigint;
  mtime: bigint;
  version: number;
  /** Internal child version: number of children ever created (see the file comment). */
  cversion: number;
  aversion: number;
  ephemeralOwner: bigint;
  pzxid: bigint;
  children: Set<string>;
}

/** A watch trigger produced by applying a transaction, in the order ZooKeeper fires them. */
export interface TreeEvent {
  /** `data` watches (getData/exists) or `child` watches (getChildren) of `path`. */
  kind: 'data' | 'child';
  type: number;
  path: string;
  /** Skip watchers that the previous event already notified (a delete fires one NodeDeleted per watcher). */
  dedupeWithPrevious?: boolean;
}

/** What applying one transaction produced, for the reply to the client that asked for it. */
export type TxnResult =
  | { type: 'create'; path: string; stat: Stat }
  | { type: 'delete' }
  | { type: 'setData'; stat: Stat }
  | { type: 'setACL'; stat: Stat }
  | { type: 'check' }
  | { type: 'multi'; results: TxnResult[] }
  | { type: 'session' }
  | { type: 'epoch' }
  /** An error transaction: nothing changed; the client hears `err`. */
  | { type: 'error'; err: number };

export const openAcl: ACL[] = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
const readOnlyAcl: ACL[] = [{ perms: 1, id: { scheme: 'world', id: 'anyone' } }];
const configPath = '/zookeeper/config';

export interface SessionRecord {
  timeoutMs: number;
}

/** Plain, structured-clone-safe copy of a tree: what a leader sends in a SNAP and what storage saves. */
export interface TreeSnapshot {
  lastZxid: bigint;
  nodes: Array<{ path: string; node: Omit<ZNode, 'children'> }>;
  sessions: Array<{ sessionId: bigint; timeoutMs: number }>;
}

export class DataTree {
  readonly #nodes = new Map<string, ZNode>();
  readonly #ephemerals = new Map<bigint, Set<string>>();
  readonly #sessions = new Map<bigint, SessionRecord>();
  #lastZxid = 0n;
  #dataSize = 0;

  constructor() {
    this.#nodes.set('/', emptyNode(openAcl));
    this.#addSystemNode('/zookeeper', openAcl);
    this.#addSystemNode('/zookeeper/quota', openAcl);
    this.#addSystemNode(configPath, readOnlyAcl);
  }

  /** zxid of the last applied transaction. */
  get lastZxid(): bigint {
    return this.#lastZxid;
  }

  /** Number of znodes as `srvr`'s "Node count" reports it: the real server counts `/` twice. */
  get nodeCount(): number {
    return this.#nodes.size + 1;
  }

  /** `zk_approximate_data_size`: sum of path lengths and data lengths. */
  get approximateDataSize(): number {
    return this.#dataSize;
  }

  get ephemeralCount(): number {
    let count = 0;
    for (const paths of this.#ephemerals.values()) count += paths.size;
    return count;
  }

  node(path: string): ZNode | undefined {
    return this.#nodes.get(path);
  }

  stat(path: string): Stat | undefined {
    const node = this.#nodes.get(path);
    return node && statOf(node);
  }

  /** Child names, sorted (ZooKeeper gives no order; sorted output reads well in lessons). */
  children(path: string): string[] | undefined {
    const node = this.#nodes.get(path);
    return node && [...node.children].sort();
  }

  session(sessionId: bigint): SessionRecord | undefined {
    return this.#sessions.get(sessionId);
  }

  sessionIds(): bigint[] {
    return [...this.#sessions.keys()];
  }

  /** Ephemeral paths owned by a session. */
  ephemeralsOf(sessionId: bigint): string[] {
    return [...(this.#ephemerals.get(sessionId) ?? [])];
  }

  /** Every path below `path` (not included), depth first. For getAllChildrenNumber. */
  descendantCount(path: string): number {
    const node = this.#nodes.get(path);
    if (!node) return 0;
    let count = 0;
    for (const name of node.children) count += 1 + this.descendantCount(path === '/' ? `/${name}` : `${path}/${name}`);
    return count;
  }

  /**
   * Applies a committed transaction. The caller guarantees it was validated by the leader against the
   * same state; a transaction that does not fit (replica divergence) throws.
   */
  apply(committed: CommittedTxn, events: TreeEvent[] = []): TxnResult {
    if (committed.zxid <= this.#lastZxid && committed.txn.type !== 'epoch') {
      throw new Error(`transaction 0x${committed.zxid.toString(16)} is not after 0x${this.#lastZxid.toString(16)}`);
    }
    const result = this.#apply(committed.txn, committed.zxid, BigInt(committed.time), events);
    if (committed.zxid > this.#lastZxid) this.#lastZxid = committed.zxid;
    return result;
  }

  #apply(txn: Txn, zxid: bigint, time: bigint, events: TreeEvent[]): TxnResult {
    switch (txn.type) {
      case 'create': {
        const parentPath = parentOf(txn.path);
        const parent = this.#require(parentPath);
        const node: ZNode = {
          ...emptyNode(txn.acl),
          data: txn.data,
          czxid: zxid,
          mzxid: zxid,
          ctime: time,
          mtime: time,
          pzxid: zxid,
          ephemeralOwner: txn.ephemeralOwner,
        };
        this.#nodes.set(txn.path, node);
        this.#dataSize += txn.path.length + (txn.data?.length ?? 0);
        parent.children.add(nameOf(txn.path));
        parent.cversion = txn.parentCVersion;
        parent.pzxid = zxid;
        if (txn.ephemeralOwner > 0n) {
          let owned = this.#ephemerals.get(txn.ephemeralOwner);
          if (!owned) this.#ephemerals.set(txn.ephemeralOwner, (owned = new Set()));
          owned.add(txn.path);
        }
        events.push({ kind: 'data', type: EventType.nodeCreated, path: txn.path });
        events.push({ kind: 'child', type: EventType.nodeChildrenChanged, path: parentPath });
        return { type: 'create', path: txn.path, stat: statOf(node) };
      }
      case 'delete': {
        this.#delete(txn.path, zxid, events);
        return { type: 'delete' };
      }
      case 'setData': {
        const node = this.#require(txn.path);
        this.#dataSize += (txn.data?.length ?? 0) - (node.data?.length ?? 0);
        node.data = txn.data;
        node.version = txn.version;
        node.mzxid = zxid;
        node.mtime = time;
        events.push({ kind: 'data', type: EventType.nodeDataChanged, path: txn.path });
        return { type: 'setData', stat: statOf(node) };
      }
      case 'setACL': {
        const node = this.#require(txn.path);
        node.acl = txn.acl;
        node.aversion = txn.version;
        return { type: 'setACL', stat: statOf(node) };
      }
      case 'check':
        return { type: 'check' };
      case 'multi':
        return { type: 'multi', results: txn.txns.map((t) => this.#apply(t, zxid, time, events)) };
      case 'createSession':
        this.#sessions.set(txn.sessionId, { timeoutMs: txn.timeoutMs });
        return { type: 'session' };
      case 'closeSession': {
        this.#sessions.delete(txn.sessionId);
        const owned = this.#ephemerals.get(txn.sessionId);
        // Deepest first is not needed (ephemerals have no children); keep creation order, like the real HashSet walk.
        for (const path of [...(owned ?? [])]) if (this.#nodes.has(path)) this.#delete(path, zxid, events);
        this.#ephemerals.delete(txn.sessionId);
        return { type: 'session' };
      }
      case 'epoch':
        return { type: 'epoch' };
      case 'error':
        // `DataTree.processTxn` OpCode.error: only lastZxid moves (mzxid/pzxid stay as they were).
        return { type: 'error', err: txn.err };
    }
  }

  #delete(path: string, zxid: bigint, events: TreeEvent[]): void {
    const node = this.#require(path);
    const parentPath = parentOf(path);
    const parent = this.#require(parentPath);
    this.#nodes.delete(path);
    this.#dataSize -= path.length + (node.data?.length ?? 0);
    parent.children.delete(nameOf(path));
    if (zxid > parent.pzxid) parent.pzxid = zxid;
    if (node.ephemeralOwner > 0n) this.#ephemerals.get(node.ephemeralOwner)?.delete(path);
    events.push({ kind: 'data', type: EventType.nodeDeleted, path });
    events.push({ kind: 'child', type: EventType.nodeDeleted, path, dedupeWithPrevious: true });
    events.push({ kind: 'child', type: EventType.nodeChildrenChanged, path: parentPath });
  }

  #require(path: string): ZNode {
    const node = this.#nodes.get(path);
    if (!node) throw new Error(`replica diverged: no znode ${path}`);
    return node;
  }

  /**
   * Writes the ensemble membership into `/zookeeper/config`, as every real member does locally at
   * start-up (`ZKDatabase.initConfigInZKDatabase`: `setData(CONFIG_NODE, qv.toString(), -1, qv.getVersion())`),
   * not as a transaction: zkCli `config` / `get /zookeeper/config` show it, with dataVersion and
   * aclVersion -1 and mZxid 0 like there.
   */
  setConfig(data: Uint8Array, time: number): void {
    const node = this.#nodes.get(configPath);
    if (!node) return;
    this.#dataSize += data.length - (node.data?.length ?? 0);
    node.data = data;
    node.version = -1;
    node.aversion = -1;
    node.mtime = BigInt(time);
  }

  #addSystemNode(path: string, acl: ACL[]): void {
    this.#nodes.set(path, emptyNode(acl));
    this.#nodes.get(parentOf(path))?.children.add(nameOf(path));
    this.#dataSize += path.length;
  }

  snapshot(): TreeSnapshot {
    return {
      lastZxid: this.#lastZxid,
      nodes: [...this.#nodes].map(([path, { children: _children, ...node }]) => ({
        path,
        node: { ...node, data: node.data && node.data.slice(), acl: node.acl.map((a) => ({ perms: a.perms, id: { ...a.id } })) },
      })),
      sessions: [...this.#sessions].map(([sessionId, s]) => ({ sessionId, timeoutMs: s.timeoutMs })),
    };
  }

  static fromSnapshot(snapshot: TreeSnapshot): DataTree {
    const tree = new DataTree();
    tree.#nodes.clear();
    tree.#dataSize = 0;
    for (const { path, node } of snapshot.nodes) {
      tree.#nodes.set(path, { ...node, data: node.data && node.data.slice(), children: new Set() });
      tree.#dataSize += (path === '/' ? 0 : path.length) + (node.data?.length ?? 0);
      if (node.ephemeralOwner > 0n) {
        let owned = tree.#ephemerals.get(node.ephemeralOwner);
        if (!owned) tree.#ephemerals.set(node.ephemeralOwner, (owned = new Set()));
        owned.add(path);
      }
    }
    for (const path of tree.#nodes.keys()) if (path !== '/') tree.#nodes.get(parentOf(path))?.children.add(nameOf(path));
    for (const s of snapshot.sessions) tree.#sessions.set(s.sessionId, { timeoutMs: s.timeoutMs });
    tree.#lastZxid = snapshot.lastZxid;
    return tree;
  }
}

function emptyNode(acl: ACL[]): ZNode {
  return {
    data: null,
    acl,
    czxid: 0n,
    mzxid: 0n,
    ctime: 0n,
    mtime: 0n,
    version: 0,
    cversion: 0,
    aversion: 0,
    ephemeralOwner: 0n,
    pzxid: 0n,
    children: new Set(),
  };
}

/**
 * The Stat a client sees for a znode (`DataNode.copyStat`). A container keeps its marker owner
 * (Long.MIN_VALUE) inside, but clients see `ephemeralOwner = 0x0` (`DataTree.getClientEphemeralOwner`:
 * only NORMAL ephemerals show their session).
 */
export function statOf(node: ZNode): Stat {
  return {
    czxid: node.czxid,
    mzxid: node.mzxid,
    ctime: node.ctime,
    mtime: node.mtime,
    version: node.version,
    cversion: node.cversion * 2 - node.children.size,
    aversion: node.aversion,
    ephemeralOwner: node.ephemeralOwner > 0n ? node.ephemeralOwner : 0n,
    dataLength: node.data?.length ?? 0,
    numChildren: node.children.size,
    pzxid: node.pzxid,
  };
}
