/**
 * The client's wire behaviour against a hand-scripted server (in-memory transport): what it sends, and
 * how it reacts to replies a real server only gives on a bad day. The real-ZooKeeper suites are in
 * tests/zookeeper-client/.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../transport/memory-transport.ts';
import { ScriptedZooKeeperServer } from '../../../../tests/zookeeper-client/support/scripted-zookeeper-server.ts';
import { waitFor } from '../../../../tests/zookeeper-client/support/wait.ts';
import { ErrorCode, ZooKeeperError } from '../protocol/errors.ts';
import { EventType, KeeperState, OpCode, Xid } from '../protocol/op-codes.ts';
import { readGetDataRequest } from '../protocol/records/get-data-request.ts';
import { writeGetDataResponse } from '../protocol/records/get-data-response.ts';
import { readSetWatches } from '../protocol/records/set-watches.ts';
import type { Stat } from '../protocol/records/stat.ts';
import { ZooKeeperClientError } from './client-error.ts';
import type { ZooKeeperClientOptions, ZooKeeperClientState } from './types.ts';
import { ZooKeeperClient } from './zookeeper-client.ts';

const stat: Stat = {
  czxid: 1n,
  mzxid: 1n,
  ctime: 0n,
  mtime: 0n,
  version: 0,
  cversion: 0,
  aversion: 0,
  ephemeralOwner: 0n,
  dataLength: 0,
  numChildren: 0,
  pzxid: 1n,
};

describe('ZooKeeperClient (scripted server)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });

  async function setup(servers = 1, options: Partial<ZooKeeperClientOptions> = {}) {
    const transport = new MemoryTransport();
    const scripted = await Promise.all(Array.from({ length: servers }, () => ScriptedZooKeeperServer.start(transport)));
    const client = new ZooKeeperClient({
      connectString: scripted.map((s) => s.address).join(','),
      transport,
      sessionTimeoutMs: 6000,
      ...options,
    });
    const states: ZooKeeperClientState[] = [];
    client.on('state', (s) => states.push(s));
    cleanups.push(async () => {
      await client.close();
      await Promise.all(scripted.map((s) => s.close()));
    });
    return { transport, servers: scripted, client, states };
  }

  /** The server (of several) the client connected to, with its connection. */
  async function connected(servers: ScriptedZooKeeperServer[]) {
    return waitFor(
      () => {
        for (const server of servers) {
          const connection = server.takeConnection();
          if (connection) return { server, connection };
        }
        return undefined;
      },
      2000,
      'a client connection',
      5,
    );
  }

  it('sends a 45-byte ConnectRequest and accepts a ConnectResponse without the readOnly byte', async () => {
    const { servers, client, states } = await setup(1, { sessionTimeoutMs: 5000 });
    servers[0].handshake = () => ({ timeOut: 4000, sessionId: 0x42n, passwd: new Uint8Array(16).fill(9), readOnlyByte: false });
    await client.connect();
    const connection = await servers[0].nextConnection();
    expect(connection.connectRequest).toMatchObject({
      size: 45,
      protocolVersion: 0,
      lastZxidSeen: 0n,
      timeOut: 5000,
      sessionId: 0n,
      passwd: new Uint8Array(16),
      readOnly: false,
    });
    expect(client.state).toBe('connected');
    expect(states).toEqual(['connecting', 'connected']);
    expect(client.sessionId).toBe(0x42n);
    expect(client.negotiatedTimeoutMs).toBe(4000);
    expect(client.connectedServer).toBe(servers[0].address);
  });

  it('numbers requests from xid 1 and matches replies in order', async () => {
    const { servers, client } = await setup();
    await client.connect();
    const connection = await servers[0].nextConnection();
    const first = client.getData('/a', () => {});
    const second = client.getData('/b');
    const r1 = await connection.nextRequest();
    const r2 = await connection.nextRequest();
    expect([r1.xid, r1.type, r2.xid, r2.type]).toEqual([1, OpCode.getData, 2, OpCode.getData]);
    expect(readGetDataRequest(r1.body)).toEqual({ path: '/a', watch: true });
    expect(readGetDataRequest(r2.body)).toEqual({ path: '/b', watch: false });
    connection.reply(1, 0, (w) => writeGetDataResponse(w, { data: new Uint8Array([1]), stat }), 5n);
    connection.reply(2, ErrorCode.NONODE, undefined, 6n);
    expect((await first).data).toEqual(new Uint8Array([1]));
    await expect(second).rejects.toMatchObject({ code: ErrorCode.NONODE, codeName: 'NONODE', path: '/b' });
    expect(client.lastZxidSeen).toBe(6n);
  });

  it('calls a watcher before the reply that follows the notification resolves', async () => {
    const { servers, client } = await setup();
    await client.connect();
    const connection = await servers[0].nextConnection();
    const seen: string[] = [];
    const get = client.getData('/n', (e) => seen.push(`${e.type} ${e.path}`));
    connection.reply((await connection.nextRequest()).xid, 0, (w) => writeGetDataResponse(w, { data: null, stat }));
    expect((await get).data).toEqual(new Uint8Array(0));
    const set = client.setData('/n', 'x').then(() => seen.push('setData'));
    const request = await connection.nextRequest();
    connection.notify({ type: EventType.nodeDataChanged, state: KeeperState.syncConnected, path: '/n' });
    connection.reply(request.xid, ErrorCode.BADVERSION);
    await set.catch(() => seen.push('setData failed'));
    // Fired once only.
    connection.notify({ type: EventType.nodeDataChanged, state: KeeperState.syncConnected, path: '/n' });
    const sync = client.sync('/');
    connection.reply((await connection.nextRequest()).xid, 0, (w) => w.ustring('/'));
    await sync;
    expect(seen).toEqual(['data-changed /n', 'setData failed']);
  });

  it('drops a connection whose replies are out of order and resumes the session elsewhere', async () => {
    const { servers, client, states } = await setup(2);
    await client.connect();
    const first = await connected(servers);
    const a = client.getData('/a');
    const b = client.getData('/b');
    const ra = await first.connection.nextRequest();
    first.connection.reply(ra.xid, 0, (w) => writeGetDataResponse(w, { data: null, stat }), 0x10n);
    await a;
    await first.connection.nextRequest();
    first.connection.reply(999, 0, undefined, 0x11n);
    const error = await b.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ZooKeeperError);
    expect((error as ZooKeeperError).code).toBe(ErrorCode.CONNECTIONLOSS);
    expect((error as ZooKeeperError).path).toBe('/b');
    const other = servers.find((s) => s !== first.server)!;
    const second = await other.nextConnection();
    expect(second.connectRequest).toMatchObject({ sessionId: 0x1234n, passwd: new Uint8Array(16).fill(7), lastZxidSeen: 0x10n });
    await waitFor(() => client.state === 'connected', 2000, 'reconnect');
    expect(states).toEqual(['connecting', 'connected', 'disconnected', 'connected']);
    expect(client.connectedServer).toBe(other.address);
  });

  it('re-registers watches (chroot-prefixed) before queued requests after a reconnect', async () => {
    const transport = new MemoryTransport();
    const server = await ScriptedZooKeeperServer.start(transport);
    const client = new ZooKeeperClient({ connectString: `${server.address}/app`, transport, sessionTimeoutMs: 6000 });
    cleanups.push(async () => {
      await client.close();
      await server.close();
    });
    await client.connect();
    const first = await server.nextConnection();
    const watched = client.getData('/w', () => {});
    const missing = client.exists('/m', () => {});
    const listed = client.getChildren('/', () => {});
    const r1 = await first.nextRequest();
    expect(readGetDataRequest(r1.body)).toEqual({ path: '/app/w', watch: true });
    first.reply(r1.xid, 0, (w) => writeGetDataResponse(w, { data: null, stat }), 0x20n);
    first.reply((await first.nextRequest()).xid, ErrorCode.NONODE, undefined, 0x21n);
    first.reply((await first.nextRequest()).xid, 0, (w) => w.vector(['x'], (w, s) => w.ustring(s)), 0x22n);
    await watched;
    expect(await missing).toBeNull();
    expect(await listed).toEqual(['x']);

    first.connection.destroy();
    await waitFor(() => client.state === 'disconnected', 2000, 'disconnect');
    const queued = client.sync('/q');
    const second = await server.nextConnection();
    const setWatches = await second.nextRequest();
    expect(setWatches.type).toBe(OpCode.setWatches);
    expect(readSetWatches(setWatches.body)).toEqual({
      relativeZxid: 0x22n,
      dataWatches: ['/app/w'],
      existWatches: ['/app/m'],
      childWatches: ['/app'],
    });
    second.reply(setWatches.xid);
    const sync = await second.nextRequest();
    expect(sync.type).toBe(OpCode.sync);
    expect(sync.xid).toBeGreaterThan(setWatches.xid);
    second.reply(sync.xid, 0, (w) => w.ustring('/app/q'));
    await queued;
  });

  it('pings when idle and leaves a server that stops answering (read timeout)', async () => {
    const { servers, client, states } = await setup(2, { sessionTimeoutMs: 600 });
    await client.connect();
    const first = await connected(servers);
    // Ping interval 200 ms, read timeout 400 ms: answered pings keep the connection. Proving a negative:
    // idle for a bounded IDLE_MS, longer than the read timeout, and the client must not have moved.
    const IDLE_MS = 700;
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const pings = first.connection.requests.filter((r) => r.type === OpCode.ping);
    expect(pings.length).toBeGreaterThanOrEqual(2);
    expect(pings.every((p) => p.xid === Xid.ping)).toBe(true);
    expect(states).toEqual(['connecting', 'connected']);

    first.connection.answerPings = false;
    const silentSince = Date.now();
    await waitFor(() => states.length === 4, 3000, 'the client to move on');
    expect(Date.now() - silentSince).toBeGreaterThanOrEqual(300);
    expect(states.slice(2)).toEqual(['disconnected', 'connected']);
    expect(first.connection.closed).toBe(true);
    expect(client.connectedServer).not.toBe(first.server.address);
  });

  it('reports an expired session and fails what was waiting with SESSIONEXPIRED', async () => {
    const { servers, client, states } = await setup();
    const expired: string[] = [];
    client.on('session-expired', () => expired.push('session-expired'));
    await client.connect();
    const first = await servers[0].nextConnection();
    servers[0].handshake = () => ({ timeOut: 0, sessionId: 0n, passwd: new Uint8Array(16), readOnlyByte: true });
    first.connection.destroy();
    await waitFor(() => client.state === 'disconnected', 2000, 'disconnect');
    const waiting = client.getData('/x').catch((e: unknown) => Promise.reject(e));
    waiting.catch(() => {});
    await waitFor(() => client.state === 'expired', 2000, 'expiry');
    expect(states).toEqual(['connecting', 'connected', 'disconnected', 'expired']);
    expect(expired).toEqual(['session-expired']);
    await expect(waiting).rejects.toMatchObject({ code: ErrorCode.SESSIONEXPIRED, path: '/x' });
    await expect(client.exists('/y')).rejects.toMatchObject({ code: ErrorCode.SESSIONEXPIRED });
  });

  it('sends closeSession on close and refuses requests afterwards', async () => {
    const { servers, client } = await setup();
    await client.connect();
    const connection = await servers[0].nextConnection();
    const closing = client.close();
    const request = await connection.nextRequest();
    expect(request.type).toBe(OpCode.closeSession);
    connection.reply(request.xid);
    await closing;
    expect(client.state).toBe('closed');
    await waitFor(() => connection.closed, 2000, 'the connection to close');
    const error = await client.getData('/a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZooKeeperError);
    expect((error as ZooKeeperError).codeName).toBe('SESSIONEXPIRED');
    expect((error as Error).message).toMatch(/closed/);
  });

  it('gives up connecting after connectTimeoutMs and says what it tried', async () => {
    const { servers, client, states } = await setup(1, { connectTimeoutMs: 300 });
    servers[0].handshake = () => 'ignore';
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZooKeeperError);
    expect((error as ZooKeeperError).code).toBe(ErrorCode.CONNECTIONLOSS);
    expect((error as Error).message).toContain(servers[0].address);
    expect(states).toEqual(['connecting', 'closed']);
  });

  it('refuses requests before connect() with a hint', async () => {
    const { client } = await setup();
    const error = await client.getData('/a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZooKeeperClientError);
    expect((error as ZooKeeperClientError).hint).toMatch(/connect\(\)/);
  });
});
