/**
 * Numeric constants of the ZooKeeper client protocol (release-3.8.0-1): `ZooDefs.OpCode`, the special
 * xids of `ClientCnxn.java`, `CreateMode`, `Watcher.Event.EventType` / `KeeperState`, `ZooDefs.Perms`
 * and the `AddWatchMode` values.
 */

/** Request types (`RequestHeader.type`), `ZooDefs.java` `OpCode`. */
export const OpCode = {
  notification: 0,
  create: 1,
  delete: 2,
  exists: 3,
  getData: 4,
  setData: 5,
  getACL: 6,
  setACL: 7,
  getChildren: 8,
  sync: 9,
  ping: 11,
  getChildren2: 12,
  check: 13,
  multi: 14,
  create2: 15,
  reconfig: 16,
  checkWatches: 17,
  removeWatches: 18,
  createContainer: 19,
  deleteContainer: 20,
  createTTL: 21,
  multiRead: 22,
  auth: 100,
  setWatches: 101,
  sasl: 102,
  getEphemerals: 103,
  getAllChildrenNumber: 104,
  setWatches2: 105,
  addWatch: 106,
  whoAmI: 107,
  createSession: -10,
  closeSession: -11,
  error: -1,
} as const;
export type OpCode = (typeof OpCode)[keyof typeof OpCode];

/** `OpCode` name for a number, for logs (`'getData'`), or `undefined`. */
export function opCodeName(code: number): keyof typeof OpCode | undefined {
  return opNames.get(code);
}
const opNames = new Map<number, keyof typeof OpCode>(
  Object.entries(OpCode).map(([name, code]) => [code, name as keyof typeof OpCode]),
);

/** Reserved xids (`ClientCnxn.java` l.121-128). Ordinary requests use positive, increasing xids. */
export const Xid = {
  /** Server -> client watch notification (`ReplyHeader.xid`). */
  notification: -1,
  ping: -2,
  auth: -4,
  /** Defined by the Java client but overwritten before sending: setWatches travels with a normal xid. */
  setWatches: -8,
} as const;
export type Xid = (typeof Xid)[keyof typeof Xid];

/** `CreateRequest.flags` (`CreateMode.java` l.34-71). */
export const CreateMode = {
  persistent: 0,
  ephemeral: 1,
  persistentSequential: 2,
  ephemeralSequential: 3,
  container: 4,
  persistentWithTTL: 5,
  persistentSequentialWithTTL: 6,
} as const;
export type CreateMode = (typeof CreateMode)[keyof typeof CreateMode];

/** True for the modes whose node name gets a `%010d` counter suffix. */
export function isSequentialMode(mode: number): boolean {
  return mode === CreateMode.persistentSequential || mode === CreateMode.ephemeralSequential || mode === CreateMode.persistentSequentialWithTTL;
}

/** True for the modes that create a node owned by the session. */
export function isEphemeralMode(mode: number): boolean {
  return mode === CreateMode.ephemeral || mode === CreateMode.ephemeralSequential;
}

/** `WatcherEvent.type` (`Watcher.Event.EventType`). */
export const EventType = {
  none: -1,
  nodeCreated: 1,
  nodeDeleted: 2,
  nodeDataChanged: 3,
  nodeChildrenChanged: 4,
  dataWatchRemoved: 5,
  childWatchRemoved: 6,
  persistentWatchRemoved: 7,
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** `WatcherEvent.state` (`Watcher.Event.KeeperState`). Disconnected/Expired/Closed are client-side only. */
export const KeeperState = {
  disconnected: 0,
  syncConnected: 3,
  authFailed: 4,
  connectedReadOnly: 5,
  saslAuthenticated: 6,
  closed: 7,
  expired: -112,
} as const;
export type KeeperState = (typeof KeeperState)[keyof typeof KeeperState];

/** `ACL.perms` bits (`ZooDefs.Perms`). */
export const Perms = { read: 1, write: 2, create: 4, delete: 8, admin: 16, all: 31 } as const;

/** `AddWatchRequest.mode` (`AddWatchMode.java`). */
export const AddWatchMode = { persistent: 0, persistentRecursive: 1 } as const;

/** `CheckWatchesRequest` / `RemoveWatchesRequest.type` (`Watcher.WatcherType`). */
export const WatcherType = { children: 1, data: 2, any: 3, persistent: 4, persistentRecursive: 5 } as const;
