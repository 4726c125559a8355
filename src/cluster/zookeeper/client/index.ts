/** Our ZooKeeper client: `new ZooKeeperClient({ connectString, transport })`, then `await client.connect()`. */
export { ZooKeeperClient } from './zookeeper-client.ts';
export { ZooKeeperClientError } from './client-error.ts';
export type { ZooKeeperClientErrorCode } from './client-error.ts';
export { ZooKeeperMultiError } from './multi-ops.ts';
export { ZooKeeperError, ErrorCode } from '../protocol/errors.ts';
export type {
  CreateMode,
  MultiOp,
  MultiResult,
  Stat,
  Watcher,
  WatchEvent,
  ZooKeeperClientOptions,
  ZooKeeperClientState,
} from './types.ts';
