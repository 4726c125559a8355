import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../../logger.ts';
import { createLogger } from '../../logger.ts';
import { frame } from '../../transport/frame-reader.ts';
import { MemoryTransport } from '../../transport/memory-transport.ts';
import type { Connection, Transport } from '../../transport/transport.ts';
import { OpCode } from '../protocol/index.ts';
import { encodePeerFrame, peerProtocol } from './peer-frames.ts';
import type { PeerEndpoint } from './peer-network.ts';
import type { PeerMessage } from './quorum-messages.ts';
import { MemoryStorage } from './storage.ts';
import { RawClient } from './testing/raw-client.ts';
import { waitUntil } from './testing/wait.ts';
import { TransportPeerNetwork } from './transport-peer-network.ts';
import { ZooKeeperServer } from './zookeeper-server.ts';

/** What one member's endpoint heard, in order. */
class Recorder implements PeerEndpoint {
  readonly heard: Array<[string, number, PeerMessage?]> = [];
  receive(from: number, message: PeerMessage): void {
    this.heard.push(['message', from, message]);
  }
  peerDown(id: number): void {
    this.heard.push(['down', id]);
  }
  peerUp(id: number): void {
    this.heard.push(['up', id]);
  }
  messages(from: number): PeerMessage[] {
    return this.heard.filter(([kind, id]) => kind === 'message' && id === from).map(([, , m]) => m as PeerMessage);
  }
  events(kind: 'up' | 'down'): number[] {
    return this.heard.filter(([k]) => k === kind).map(([, id]) => id);
  }
}

const hosts = { 1: 'zookeeper-1', 2: 'zookeeper-2', 3: 'zookeeper-3' } as Record<number, string>;
const ids = [1, 2, 3];
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

async function startNetworks(transport = new MemoryTransport(), timing: { heartbeatMs?: number; silenceLimitMs?: number } = {}) {
  const logs: LogLine[] = [];
  const networks = new Map<number, TransportPeerNetwork>();
  for (const id of ids) {
    const network = await TransportPeerNetwork.start({
      transport,
      id,
      listenHost: hosts[id],
      listenPort: 2888,
      peers: ids.filter((p) => p !== id).map((p) => ({ id: p, host: hosts[p], port: 2888 })),
      logger: createLogger((line) => logs.push(line), 'debug', `zookeeper-${id}`),
      minBackoffMs: 5,
      maxBackoffMs: 20,
      ...timing,
    });
    networks.set(id, network);
    cleanup.push(() => network.close());
  }
  return { transport, networks, logs, get: (id: number) => networks.get(id) as TransportPeerNetwork };
}

async function joinAll(net: Awaited<ReturnType<typeof startNetworks>>) {
  const endpoints = new Map(ids.map((id) => [id, new Recorder()]));
  for (const id of ids) net.get(id).join(id, endpoints.get(id) as Recorder);
  await waitUntil(() => ids.every((id) => net.get(id).connectedPeers().length === 2), 'every link up');
  return (id: number) => endpoints.get(id) as Recorder;
}

/** A raw connection to member `to`'s quorum port that says it is member `from`. */
async function impostor(transport: MemoryTransport, from: number, to: number): Promise<{ connection: Connection; closed: Promise<void> }> {
  const connection = await transport.connect(hosts[to], 2888);
  const closed = new Promise<void>((resolve) => connection.onClose(() => resolve()));
  connection.write(encodePeerFrame({ protocol: peerProtocol, from, to }));
  return { connection, closed };
}

/** Three ZooKeeperServers, each with its own TransportPeerNetwork, over one MemoryTransport. */
async function startEnsemble(timing: { tickTimeMs: number; minBackoffMs: number }, dialsOf: (id: number, transport: Transport) => Transport = (_id, t) => t) {
  const transport = new MemoryTransport();
  const storages = new Map(ids.map((id) => [id, new MemoryStorage()]));
  const servers = new Map<number, { server: ZooKeeperServer; network: TransportPeerNetwork }>();
  const start = async (id: number) => {
    const network = await TransportPeerNetwork.start({
      transport: dialsOf(id, transport),
      id,
      listenHost: hosts[id],
      listenPort: 2888,
      peers: ids.filter((p) => p !== id).map((p) => ({ id: p, host: hosts[p], port: 2888 })),
      logger: createLogger(() => {}, 'error'),
      minBackoffMs: timing.minBackoffMs,
      maxBackoffMs: Math.max(20, timing.minBackoffMs),
    });
    const server = await ZooKeeperServer.start({
      id,
      members: ids.map((m) => ({ id: m, clientPort: 2181, peer: { host: hosts[m], quorumPort: 2888, electionPort: 3888 } })),
      transport,
      host: hosts[id],
      clientPort: 2181,
      network,
      storage: storages.get(id) as MemoryStorage,
      tickTimeMs: timing.tickTimeMs,
      minSessionTimeoutMs: 2 * timing.tickTimeMs,
      maxSessionTimeoutMs: 20 * timing.tickTimeMs,
      initLimit: 10,
      syncLimit: 5,
      finalizeWaitMs: 20,
      logger: createLogger(() => {}, 'error'),
    });
    servers.set(id, { server, network });
  };
  cleanup.push(async () => {
    for (const { server, network } of servers.values()) {
      await server.stop();
      await network.close();
    }
  });
  await Promise.all(ids.map(start));
  const running = () => [...servers.values()].map((s) => s.server).filter((s) => s.role !== 'stopped');
  const leader = () => running().filter((s) => s.role === 'leading' && s.serving);
  await waitUntil(() => leader().length === 1 && running().every((s) => s.serving), 'a leader and two serving followers');
  return { transport, servers, start, running, leader };
}

describe('TransportPeerNetwork', () => {
  it('links every pair once (the higher id dials), both ends hear peerUp, and each link delivers in order', async () => {
    const net = await startNetworks();
    const endpoint = await joinAll(net);
    expect(endpoint(1).events('up').sort()).toEqual([2, 3]);
    expect(endpoint(3).events('up').sort()).toEqual([1, 2]);
    const sent: PeerMessage[] = [
      { type: 'vote', round: 2, vote: { leader: 3, zxid: 0x1_0000_0002n }, state: 'looking', acceptedEpoch: 1 },
      {
        type: 'sync',
        epoch: 2,
        mode: 'snap',
        txns: [],
        snapshot: { lastZxid: 0x2_0000_0000n, nodes: [], sessions: [{ sessionId: 0x1000_0000_0000_0001n, timeoutMs: 4000 }] },
        proposals: [{ zxid: 0x2_0000_0001n, time: 7, txn: { type: 'setData', path: '/a', data: new Uint8Array([0, 1, 255]), version: 3 } }],
      },
      ...Array.from({ length: 50 }, (_, i): PeerMessage => ({ type: 'ack', zxid: BigInt(i) })),
    ];
    for (const message of sent) net.get(3).send(3, 1, message);
    net.get(1).send(1, 3, { type: 'ping' });
    await waitUntil(() => endpoint(1).messages(3).length === sent.length && endpoint(3).messages(1).length === 1, 'the messages');
    expect(endpoint(1).messages(3)).toEqual(sent);
    expect(endpoint(3).messages(1)).toEqual([{ type: 'ping' }]);
    expect(endpoint(2).messages(3)).toEqual([]);
  });

  it('tells both ends of a broken link (peerDown), drops messages while it is down, and reopens it when the peer is back', async () => {
    const net = await startNetworks();
    const endpoint = await joinAll(net);
    const two = endpoint(2);
    net.get(2).leave(2, two);
    await waitUntil(() => endpoint(1).events('down').includes(2) && endpoint(3).events('down').includes(2), 'peerDown(2) at 1 and 3');
    net.get(3).send(3, 2, { type: 'ping' });
    const back = new Recorder();
    net.get(2).join(2, back);
    await waitUntil(() => back.events('up').length === 2 && endpoint(1).events('up').filter((id) => id === 2).length === 2, 'link to 2 up again');
    net.get(3).send(3, 2, { type: 'commit', zxid: 5n });
    await waitUntil(() => back.messages(3).length === 1, 'a message after the reconnect');
    expect(back.messages(3)).toEqual([{ type: 'commit', zxid: 5n }]);
    expect(two.heard.filter(([kind]) => kind === 'message')).toEqual([]);
  });

  it('closes only the link that carried a malformed frame; the others keep delivering', async () => {
    const net = await startNetworks();
    const endpoint = await joinAll(net);
    // Garbage instead of a hello: refused, nobody hears anything.
    const stranger = await net.transport.connect(hosts[1], 2888);
    const strangerClosed = new Promise<void>((resolve) => stranger.onClose(() => resolve()));
    stranger.write(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'));
    await strangerClosed;
    expect(net.logs.some((l) => l.level === 'warn' && /malformed frame from .*(frame of|negative frame length)/.test(l.message))).toBe(true);
    // Member 3 goes away; something comes back as member 3 and sends a bad message.
    net.get(3).leave(3, endpoint(3));
    await waitUntil(() => endpoint(1).events('down').includes(3), 'peerDown(3)');
    const fake = await impostor(net.transport, 3, 1);
    await waitUntil(() => endpoint(1).events('up').filter((id) => id === 3).length === 2, 'the new link from 3');
    fake.connection.write(frame(new TextEncoder().encode(JSON.stringify({ type: 'vote', round: 'one' }))));
    await fake.closed;
    expect(endpoint(1).events('down')).toEqual([3, 3]);
    expect(net.logs.some((l) => l.level === 'warn' && l.message.includes('vote message: field "round" is not number'))).toBe(true);
    // The real member 3 comes back; the link from 2 carried on meanwhile.
    net.get(3).join(3, endpoint(3));
    await waitUntil(() => net.get(1).connectedPeers().includes(3), 'member 3 back');
    net.get(2).send(2, 1, { type: 'sync-done', id: 9 });
    net.get(3).send(3, 1, { type: 'sync-done', id: 10 });
    await waitUntil(() => endpoint(1).messages(2).length === 1 && endpoint(1).messages(3).length === 1, 'messages on both links');
    expect(endpoint(1).messages(3)).toEqual([{ type: 'sync-done', id: 10 }]);
  });

  it('closes a link it hears nothing on (a peer gone without closing its connection); quiet links live on heartbeats', async () => {
    const net = await startNetworks(undefined, { heartbeatMs: 10, silenceLimitMs: 100 });
    const endpoint = await joinAll(net);
    net.get(3).leave(3, endpoint(3));
    await waitUntil(() => endpoint(1).events('down').includes(3), 'peerDown(3)');
    const silent = await impostor(net.transport, 3, 1);
    const openedAt = Date.now();
    await silent.closed;
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(100);
    expect(endpoint(1).events('down')).toEqual([3, 3]);
    expect(net.logs.some((l) => l.level === 'warn' && /^nothing heard from member 3 for \d+ ms; closing that link$/.test(l.message))).toBe(true);
    // 1 and 2 exchanged no message in all that time: their link is still the first one.
    expect(net.get(1).connectedPeers()).toEqual([2]);
    expect(endpoint(1).events('up').filter((id) => id === 2)).toHaveLength(1);
    expect(endpoint(2).events('down')).toEqual([3]);
  });

  it('refuses a connection meant for another member, or from a lower id, and says which setting to check', async () => {
    const net = await startNetworks();
    await joinAll(net);
    const misdialled = await net.transport.connect(hosts[1], 2888);
    const closed = new Promise<void>((resolve) => misdialled.onClose(() => resolve()));
    misdialled.write(encodePeerFrame({ protocol: peerProtocol, from: 3, to: 2 }));
    await closed;
    expect(net.logs.map((l) => l.message)).toContain('refused a peer connection: member 3 dialled member 2 but reached member 1: check ZOOKEEPER_SERVERS on member 3');
    const lower = await impostor(net.transport, 1, 2);
    await lower.closed;
    expect(net.logs.some((l) => /member 1 dialled member 2, but only members with a higher id dial/.test(l.message))).toBe(true);
    // A member whose ZOOKEEPER_SERVERS sends it to the wrong place says so on its side too, once.
    const dialerLogs: string[] = [];
    let dials = 0;
    const counting: Transport = {
      listen: (host, port, onConnection) => net.transport.listen(host, port, onConnection),
      connect: (host, port) => {
        dials++;
        return net.transport.connect(host, port);
      },
    };
    const misconfigured = await TransportPeerNetwork.start({
      transport: counting,
      id: 3,
      listenHost: 'elsewhere',
      listenPort: 2888,
      peers: [{ id: 1, host: hosts[2], port: 2888 }],
      logger: createLogger((line) => dialerLogs.push(line.message), 'debug'),
      minBackoffMs: 5,
      maxBackoffMs: 5,
    });
    cleanup.push(() => misconfigured.close());
    misconfigured.join(3, new Recorder());
    await waitUntil(() => dials >= 5, 'five refused dials');
    expect(net.logs.filter((l) => l.message.includes('member 3 dialled member 1 but reached member 2'))).toHaveLength(1);
    expect(dialerLogs).toEqual(['cannot reach member 1 at zookeeper-2:2888 yet (it closed the connection before its hello; its log says why); retrying']);
    expect(misconfigured.connectedPeers()).toEqual([]);
  });

  it('runs a ZooKeeper ensemble: one leader, writes replicate, a killed leader is replaced and rejoins as a follower', async () => {
    const { transport, servers, start, running, leader } = await startEnsemble({ tickTimeMs: 100, minBackoffMs: 5 });
    const first = leader()[0].id;
    const followers = ids.filter((id) => id !== first);
    const writer = await RawClient.connect(transport, hosts[followers[0]], 2181);
    await writer.create('/x', 'over the quorum port');
    const reader = await RawClient.connect(transport, hosts[followers[1]], 2181);
    await reader.call(OpCode.sync, (w) => w.ustring('/x'));
    expect((await reader.getData('/x')).data).toBe('over the quorum port');
    writer.destroy();
    reader.destroy();

    const killed = servers.get(first) as { server: ZooKeeperServer; network: TransportPeerNetwork };
    await killed.server.kill();
    await killed.network.close();
    await waitUntil(() => leader().length === 1 && running().every((s) => s.serving), 'a new leader', 5000);
    const second = leader()[0].id;
    expect(second).not.toBe(first);
    await start(first);
    const restarted = () => (servers.get(first) as { server: ZooKeeperServer }).server;
    await waitUntil(() => restarted().role === 'following' && restarted().serving, 'the old leader back as a follower', 5000);
    expect(leader()[0].id).toBe(second);
    const again = await RawClient.connect(transport, hosts[first], 2181);
    expect((await again.getData('/x')).data).toBe('over the quorum port');
    again.destroy();
  });

  it('elects a new leader well within a tick when a follower went looking before the leader died (it answers the peer that missed its vote)', async () => {
    const { transport, servers, running, leader } = await startEnsemble({ tickTimeMs: 3000, minBackoffMs: 2000 });
    expect(leader()[0].id).toBe(3);
    // Member 2 loses its link to the leader first: something else takes member 3's place on it.
    const fake = await impostor(transport, 3, 2);
    const two = (servers.get(2) as { server: ZooKeeperServer }).server;
    await waitUntil(() => two.role === 'looking', 'member 2 looking');
    const three = servers.get(3) as { server: ZooKeeperServer; network: TransportPeerNetwork };
    const killedAt = Date.now();
    await three.server.kill();
    await three.network.close();
    fake.connection.destroy();
    await waitUntil(() => leader().length === 1 && running().every((s) => s.serving), 'a new leader', 2500);
    expect(leader()[0].id).toBe(2);
    expect(Date.now() - killedAt).toBeLessThan(1000);
  });
  it('a member that chose its leader from the others\' votes before it had a link to it announces itself as soon as the link opens', async () => {
    // Member 3 cannot resolve zookeeper-2 at first (a container not up yet), and tries again 400 ms later.
    let refused = false;
    const startedAt = Date.now();
    const { servers, leader, running } = await startEnsemble({ tickTimeMs: 3000, minBackoffMs: 400 }, (id, transport) =>
      id !== 3
        ? transport
        : {
            listen: (host, port, onConnection) => transport.listen(host, port, onConnection),
            connect: (host, port) => {
              if (host !== hosts[2] || refused) return transport.connect(host, port);
              refused = true;
              return Promise.reject(new Error(`getaddrinfo ENOTFOUND ${host}`));
            },
          },
    );
    expect(refused).toBe(true);
    expect(leader()[0].id).toBe(3);
    expect(running().map((s) => s.role).sort()).toEqual(['following', 'following', 'leading']);
    expect((servers.get(2) as { network: TransportPeerNetwork }).network.connectedPeers()).toEqual([1, 3]);
    // Serving well before the next tick, when its Follower would have announced itself again.
    expect(Date.now() - startedAt).toBeLessThan(1500);
  });
});
