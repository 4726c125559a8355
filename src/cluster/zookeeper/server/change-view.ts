/**
 * The leader's view of the tree while it prepares requests: the committed tree plus the effect of
 * proposals not committed yet (ZooKeeper's `outstandingChanges` of `ChangeRecord`s). Validating against
 * this view lets the leader propose several writes without waiting for each commit, and lets the ops of
 * one multi see each other.
 */
import type { ACL } from '../protocol/index.ts';
import type { DataTree } from './data-tree.ts';
import { parentOf } from './paths.ts';
import type { Txn } from './txn.ts';

/** The parts of a znode that request validation looks at. */
export interface NodeRecord {
  version: number;
  /** Internal child version (creates count), the sequential suffix source. */
  cversion: number;
  aversion: number;
  childCount: number;
  ephemeralOwner: bigint;
  acl: ACL[];
}

interface Change {
  zxid: bigint;
  record: NodeRecord | null;
}

export class ChangeView {
  readonly #tree: DataTree;
  readonly #parent: ChangeView | undefined;
  readonly #changes = new Map<string, Change>();

  constructor(tree: DataTree, parent?: ChangeView) {
    this.#tree = tree;
    this.#parent = parent;
  }

  /** The node as it will be once every proposal so far commits, or `undefined` if it will not exist. */
  get(path: string): NodeRecord | undefined {
    const change = this.#changes.get(path);
    if (change) return change.record ?? undefined;
    if (this.#parent) return this.#parent.get(path);
    const node = this.#tree.node(path);
    if (!node) return undefined;
    return {
      version: node.version,
      cversion: node.cversion,
      aversion: node.aversion,
      childCount: node.children.size,
      ephemeralOwner: node.ephemeralOwner,
      acl: node.acl,
    };
  }

  /** A scratch view on top of this one (for a multi, discarded if any op fails). */
  fork(): ChangeView {
    return new ChangeView(this.#tree, this);
  }

  /** Copies a fork's changes into this view. */
  merge(fork: ChangeView): void {
    for (const [path, change] of fork.#changes) this.#changes.set(path, change);
  }

  /** Records what `txn` (proposed as `zxid`) will do. */
  record(txn: Txn, zxid: bigint, sessionEphemerals?: (sessionId: bigint) => string[]): void {
    switch (txn.type) {
      case 'create': {
        const parentPath = parentOf(txn.path);
        const parent = this.get(parentPath);
        if (parent) this.#set(parentPath, zxid, { ...parent, cversion: txn.parentCVersion, childCount: parent.childCount + 1 });
        this.#set(txn.path, zxid, { version: 0, cversion: 0, aversion: 0, childCount: 0, ephemeralOwner: txn.ephemeralOwner, acl: txn.acl });
        break;
      }
      case 'delete': {
        const parentPath = parentOf(txn.path);
        const parent = this.get(parentPath);
        if (parent) this.#set(parentPath, zxid, { ...parent, childCount: parent.childCount - 1 });
        this.#set(txn.path, zxid, null);
        break;
      }
      case 'setData': {
        const node = this.get(txn.path);
        if (node) this.#set(txn.path, zxid, { ...node, version: txn.version });
        break;
      }
      case 'setACL': {
        const node = this.get(txn.path);
        if (node) this.#set(txn.path, zxid, { ...node, acl: txn.acl, aversion: txn.version });
        break;
      }
      case 'multi':
        for (const t of txn.txns) this.record(t, zxid, sessionEphemerals);
        break;
      case 'closeSession':
        for (const path of sessionEphemerals?.(txn.sessionId) ?? []) {
          if (this.get(path)) this.record({ type: 'delete', path }, zxid);
        }
        break;
      case 'check':
      case 'createSession':
      case 'epoch':
      case 'error':
        break;
    }
  }

  /** Forgets changes that the tree now reflects (everything proposed at or before `zxid`). */
  committed(zxid: bigint): void {
    for (const [path, change] of this.#changes) if (change.zxid <= zxid) this.#changes.delete(path);
  }

  /** Drops every outstanding change (the leader stepped down). */
  clear(): void {
    this.#changes.clear();
  }

  #set(path: string, zxid: bigint, record: NodeRecord | null): void {
    this.#changes.set(path, { zxid, record });
  }
}
