/**
 * node-zookeeper-client 1.1.3 (npm, no bundled types) behind a small promise API with just the types
 * these tests use. Loaded with `createRequire` so no ambient module declaration is needed.
 */
import { createRequire } from 'node:module';

interface NzcStat {
  version: number;
  cversion: number;
  numChildren: number;
  dataLength: number;
  ephemeralOwner: Buffer;
  czxid: Buffer;
  mzxid: Buffer;
}
interface NzcEvent {
  name: string;
  path: string;
}
type Callback<T extends unknown[]> = (error: Error | null, ...results: T) => void;
interface NzcTransaction {
  create(path: string, data?: Buffer, mode?: number): NzcTransaction;
  setData(path: string, data: Buffer, version?: number): NzcTransaction;
  remove(path: string, version?: number): NzcTransaction;
  check(path: string, version: number): NzcTransaction;
  commit(callback: Callback<[Array<{ type: number; path?: string }>]>): void;
}
interface NzcClient {
  connect(): void;
  close(): void;
  on(event: 'state', listener: (state: { name: string; code: number }) => void): void;
  once(event: 'connected' | 'disconnected' | 'expired', listener: () => void): void;
  getSessionId(): Buffer;
  getSessionTimeout(): number;
  create(path: string, data: Buffer | null, mode: number, callback: Callback<[string]>): void;
  getData(path: string, watcher: ((event: NzcEvent) => void) | undefined, callback: Callback<[Buffer | null, NzcStat]>): void;
  setData(path: string, data: Buffer, version: number, callback: Callback<[NzcStat]>): void;
  remove(path: string, version: number, callback: Callback<[]>): void;
  exists(path: string, watcher: ((event: NzcEvent) => void) | undefined, callback: Callback<[NzcStat | null]>): void;
  getChildren(path: string, watcher: ((event: NzcEvent) => void) | undefined, callback: Callback<[string[], NzcStat]>): void;
  mkdirp(path: string, callback: Callback<[string]>): void;
  transaction(): NzcTransaction;
}
interface NzcModule {
  createClient(connectString: string, options?: { sessionTimeout?: number; spinDelay?: number; retries?: number }): NzcClient;
  CreateMode: { PERSISTENT: number; EPHEMERAL: number; PERSISTENT_SEQUENTIAL: number; EPHEMERAL_SEQUENTIAL: number };
}

export const nzc = createRequire(import.meta.url)('node-zookeeper-client') as NzcModule;
export type { NzcClient, NzcEvent, NzcStat };

/** Node-style callback -> promise. */
export function call<T extends unknown[]>(fn: (callback: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((error, ...results) => (error ? reject(error) : resolve(results))));
}

/** Connects and resolves once SYNC_CONNECTED; `states` records every state change by name. */
export async function connectNzc(connectString: string, sessionTimeout = 4000): Promise<{ client: NzcClient; states: string[] }> {
  const client = nzc.createClient(connectString, { sessionTimeout, spinDelay: 50 });
  const states: string[] = [];
  client.on('state', (state) => states.push(state.name));
  const connected = new Promise<void>((resolve) => client.once('connected', resolve));
  client.connect();
  await connected;
  return { client, states };
}

export const text = (buffer: Buffer | null | undefined) => (buffer == null ? null : buffer.toString());

interface Transaction {
  commit(callback: Callback<[Array<{ type: number; path?: string }>]>): void;
}

/**
 * The client's callback methods as promises of their result tuples, e.g.
 * `const [data, stat] = await nz(client).getData('/a')`.
 */
export function nz(client: NzcClient) {
  return {
    create: (path: string, data: Buffer | null, mode: number) => call<[string]>((cb) => client.create(path, data, mode, cb)),
    getData: (path: string, watcher?: (event: NzcEvent) => void) => call<[Buffer | null | undefined, NzcStat]>((cb) => client.getData(path, watcher, cb)),
    setData: (path: string, data: Buffer, version: number) => call<[NzcStat]>((cb) => client.setData(path, data, version, cb)),
    remove: (path: string, version: number) => call<[]>((cb) => client.remove(path, version, cb)),
    exists: (path: string, watcher?: (event: NzcEvent) => void) => call<[NzcStat | null]>((cb) => client.exists(path, watcher, cb)),
    getChildren: (path: string, watcher?: (event: NzcEvent) => void) => call<[string[], NzcStat]>((cb) => client.getChildren(path, watcher, cb)),
    mkdirp: (path: string) => call<[string]>((cb) => client.mkdirp(path, cb)),
  };
}

/** Commits a transaction built with `client.transaction()...`. */
export function commit(transaction: Transaction) {
  return call<[Array<{ type: number; path?: string }>]>((cb) => transaction.commit(cb));
}
