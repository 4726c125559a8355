import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../transport/memory-transport.ts';
import { ZooKeeperEnsemble } from '../zookeeper-ensemble.ts';
import { FileStorage } from './file-storage.ts';
import { fourLetterWord } from './testing/four-letter.ts';
import { RawClient } from './testing/raw-client.ts';

/** Real 3.8.0 answers, by command. */
const samples = new Map<string, string>();
{
  const text = readFileSync(new URL('testing/zk-3.8.0-4lw-samples.txt', import.meta.url), 'utf8');
  for (const block of text.split(/^===== /m).slice(1)) {
    const newline = block.indexOf('\n');
    samples.set(block.slice(0, newline), block.slice(newline + 1));
  }
}

/** `Key: value` / `key=value` / `key\tvalue` lines -> keys, in order. */
const keys = (text: string, separator: string | RegExp) =>
  text
    .split('\n')
    .filter((line) => line && !line.startsWith(' '))
    .map((line) => line.split(separator)[0]);

const transport = new MemoryTransport();
let zk: ZooKeeperEnsemble;
let leader: number;
let follower: number;
const ask = (id: number, word: string) => fourLetterWord(transport, '127.0.0.1', zk.status()[id - 1].clientPort, word);

beforeAll(async () => {
  zk = await ZooKeeperEnsemble.start({ transport, clientPorts: [0, 0, 0], tickTimeMs: 100 });
  leader = zk.leaderId() as number;
  follower = zk.status().find((s) => s.mode === 'follower')?.id as number;
  const client = await RawClient.connect(transport, '127.0.0.1', zk.status()[leader - 1].clientPort);
  await client.create('/four', 'letters');
  await client.getData('/four', true);
});
afterAll(() => zk.close());

describe('four-letter words, as a real 3.8.0 server answers them', () => {
  it('ruok -> imok without a newline', async () => {
    expect(await ask(follower, 'ruok')).toBe(samples.get('ruok')?.trimEnd());
  });

  it('srvr: the same lines as the real server, with Mode leader|follower and the leader proposal line', async () => {
    const followerSrvr = await ask(follower, 'srvr');
    const sample = samples.get('srvr') as string;
    expect(keys(followerSrvr, ':')).toEqual(keys(sample, ':'));
    expect(followerSrvr).toMatch(/^Zookeeper version: 3\.8\.0-\S+, built on \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(followerSrvr).toMatch(/\nLatency min\/avg\/max: \d+\/\d+\.\d+\/\d+\n/);
    expect(followerSrvr).toMatch(/\nZxid: 0x1000000\d\d\nMode: follower\nNode count: 6\n$/);
    const leaderSrvr = await ask(leader, 'srvr');
    expect(leaderSrvr).toMatch(/\nMode: leader\nNode count: 6\nProposal sizes last\/min\/max: \d+\/\d+\/\d+\n$/);
  });

  it('stat: srvr plus the Clients section, listing the asking connection itself', async () => {
    const stat = await ask(leader, 'stat');
    const lines = stat.split('\n');
    expect(lines[1]).toBe('Clients:');
    expect(stat).toMatch(/\n \/memory:\d+\[1\]\(queued=0,recved=\d+,sent=\d+\)\n/);
    expect(stat).toMatch(/\n \/memory:\d+\[0\]\(queued=0,recved=1,sent=0\)\n\n/);
    expect(keys(stat, ':').filter((k) => k !== 'Clients')).toEqual([...keys(samples.get('srvr') as string, ':'), 'Proposal sizes last/min/max']);
  });

  it('mntr: tab-separated zk_ keys in the real order, plus the leader-only ones', async () => {
    const mntr = await ask(leader, 'mntr');
    const sampleKeys = keys(samples.get('mntr') as string, '\t');
    expect(keys(mntr, '\t').slice(0, sampleKeys.length)).toEqual(sampleKeys);
    expect(mntr).toMatch(/^zk_server_state\tleader$/m);
    expect(mntr).toMatch(/^zk_znode_count\t6$/m);
    expect(mntr).toMatch(/^zk_watch_count\t1$/m);
    expect(mntr).toMatch(/^zk_synced_followers\t2$/m);
    expect(await ask(follower, 'mntr')).toMatch(/^zk_peer_state\tfollowing - broadcast$/m);
  });

  it('conf: the real keys first, then the quorum ones, with this member\'s own values', async () => {
    const conf = await ask(follower, 'conf');
    const sampleKeys = keys(samples.get('conf') as string, '=');
    expect(keys(conf, '=').slice(0, sampleKeys.length)).toEqual(sampleKeys);
    const usage = zk.server(follower)?.config.storage.usage?.();
    const port = zk.status()[follower - 1].clientPort;
    expect(conf).toContain(
      `clientPort=${port}\nsecureClientPort=-1\ndataDir=(in memory)\ndataDirSize=${usage?.dataDirBytes}\ndataLogDir=(in memory)\ndataLogSize=${usage?.logDirBytes}\n`,
    );
    expect(usage?.logDirBytes).toBeGreaterThan(0);
    // No per-host connection limit is enforced: 0, ZooKeeper's "unlimited".
    expect(conf).toContain('\ntickTime=100\nmaxClientCnxns=0\nminSessionTimeout=200\nmaxSessionTimeout=2000\nclientPortListenBacklog=-1\n');
    expect(conf).toContain(`\nserverId=${follower}\ninitLimit=10\nsyncLimit=5\nelectionAlg=3\nelectionPort=-1\nquorumPort=-1\npeerType=0\nmembership: \n`);
    for (const s of zk.status()) expect(conf).toContain(`\nserver.${s.id}=127.0.0.1:-1:-1:participant;127.0.0.1:${s.clientPort}\n`);
    expect(conf).toMatch(/\nversion=0\n$/);
  });

  it('dirs: the bytes the member\'s storage holds (memory: what FileStorage would write), growing with the log', async () => {
    const storage = zk.server(leader)?.config.storage;
    const before = storage?.usage?.();
    expect(keys(await ask(leader, 'dirs'), ':')).toEqual(keys(samples.get('dirs') as string, ':'));
    expect(await ask(leader, 'dirs')).toBe(`datadir_size: ${before?.dataDirBytes}\nlogdir_size: ${before?.logDirBytes}\n`);
    expect(before?.dataDirBytes).toBeGreaterThan(0); // the epochs
    const client = await RawClient.connect(transport, '127.0.0.1', zk.status()[leader - 1].clientPort);
    await client.create('/dirs', 'x'.repeat(300));
    const after = storage?.usage?.();
    expect(after?.logDirBytes).toBeGreaterThan((before?.logDirBytes ?? 0) + 300);
    expect(await ask(leader, 'dirs')).toBe(`datadir_size: ${after?.dataDirBytes}\nlogdir_size: ${after?.logDirBytes}\n`);
    await client.close();
  });

  it('crst resets every connection\'s counters (cons, stat client lines); srst the server\'s (srvr latency and packets)', async () => {
    const client = await RawClient.connect(transport, '127.0.0.1', zk.status()[follower - 1].clientPort);
    await client.getData('/four');
    await client.exists('/four');
    const sid = `sid=0x${client.sessionId.toString(16)}`;
    const line = (text: string) => text.split('\n').find((l) => l.includes(sid)) as string;
    expect(line(await ask(follower, 'cons'))).toMatch(/\(queued=0,recved=3,sent=3,sid=0x[0-9a-f]+,lop=EXIS,est=\d+,to=\d+,lcxid=0x2,lzxid=0x[0-9a-f]+,lresp=[1-9]\d*,/);
    expect(await ask(follower, 'srvr')).toMatch(/\nReceived: [1-9]\d*\nSent: [1-9]\d*\n/);

    expect(await ask(follower, 'crst')).toBe('Connection stats reset.\n');
    expect(line(await ask(follower, 'cons'))).toMatch(
      /\(queued=0,recved=0,sent=0,sid=0x[0-9a-f]+,lop=NA,est=\d+,to=\d+,lzxid=0xffffffffffffffff,lresp=0,llat=0,minlat=0,avglat=0,maxlat=0\)$/,
    );
    const stat = await ask(follower, 'stat');
    const clientLines = stat.split('\n').filter((l) => /^ \/memory:\d+\[1\]/.test(l));
    expect(clientLines.length).toBeGreaterThan(0);
    for (const l of clientLines) expect(l).toMatch(/\(queued=0,recved=0,sent=0\)$/);
    // A real crst leaves the server's counters alone.
    expect(stat).toMatch(/\nReceived: [1-9]\d*\nSent: [1-9]\d*\n/);

    await client.getData('/four');
    expect(line(await ask(follower, 'cons'))).toMatch(/\(queued=0,recved=1,sent=1,sid=0x[0-9a-f]+,lop=GETD,est=\d+,to=\d+,lcxid=0x3,/);

    expect(await ask(follower, 'srst')).toBe('Server stats reset.\n');
    expect(await ask(follower, 'srvr')).toMatch(/\nLatency min\/avg\/max: 0\/0\.0\/0\nReceived: 0\nSent: 0\n/);
    expect(await ask(follower, 'mntr')).toMatch(/^zk_last_client_response_size\t-1$/m);
    await client.close();
  });

  it('isro, envi, wchs and cons', async () => {
    expect(await ask(leader, 'isro')).toBe('rw');
    expect(await ask(leader, 'envi')).toMatch(/^Environment:\nzookeeper\.version=3\.8\.0-/);
    expect(await ask(leader, 'wchs')).toBe('1 connections watching 1 paths\nTotal watches:1\n');
    expect(await ask(leader, 'cons')).toMatch(/ \/memory:\d+\[1\]\(queued=0,recved=\d+,sent=\d+,sid=0x[0-9a-f]+,lop=GETD,est=\d+,to=2000,lcxid=0x2,lzxid=0x[0-9a-f]+,lresp=\d+,llat=\d+,minlat=\d+,avglat=\d+,maxlat=\d+\)/);
  });

  it('dump: sessions by expiry on the leader, with timeouts on a follower, and each session\'s ephemerals', async () => {
    const client = await RawClient.connect(transport, '127.0.0.1', zk.status()[follower - 1].clientPort, { timeoutMs: 1500 });
    await client.create('/four/e2', 'x', 1);
    await client.create('/four/e1', 'x', 1);
    const id = `0x${client.sessionId.toString(16)}`;
    const ephemerals = `ephemeral nodes dump:\nSessions with Ephemerals (1):\n${id}:\n\t/four/e1\n\t/four/e2\nConnections dump:\n`;
    const onLeader = await ask(leader, 'dump');
    expect(onLeader).toMatch(/^SessionTracker dump:\nSession Sets \(\d+\)\/\(2\):\n\d expire at \w{3} \w{3} \d\d \d\d:\d\d:\d\d UTC \d{4}:\n\t0x/);
    expect(onLeader).toContain(`\t${id}\n`);
    expect(onLeader).toContain(ephemerals);
    const onFollower = await ask(follower, 'dump');
    expect(onFollower).toMatch(/^SessionTracker dump:\nGlobal Sessions\(2\):\n/);
    expect(onFollower).toContain(`\n${id}\t1500ms\n`);
    expect(onFollower).toContain(ephemerals);
    client.destroy();
  });

  it('wchs counts the data-watch table only (getData, exists, persistent), like a real server; mntr counts all', async () => {
    const client = await RawClient.connect(transport, '127.0.0.1', zk.status()[leader - 1].clientPort);
    await client.getData('/four', true);
    await client.getChildren('/four', true);
    await client.exists('/four/missing', true);
    // The beforeAll client's data watch on /four, plus this client's two data watches; not the child watch.
    expect(await ask(leader, 'wchs')).toBe('2 connections watching 2 paths\nTotal watches:3\n');
    expect(await ask(leader, 'mntr')).toMatch(/^zk_watch_count\t4$/m);
    client.destroy();
  });

  it('wchp and wchc list the data-watch table by path and by session, as WatchManager.dumpWatches prints them', async () => {
    const client = await RawClient.connect(transport, '127.0.0.1', zk.status()[leader - 1].clientPort);
    await client.getData('/four', true);
    await client.getChildren('/four', true);
    await client.exists('/four/missing', true);
    const session = `0x${client.sessionId.toString(16)}`;
    const byPath = await ask(leader, 'wchp');
    expect(byPath).toContain(`/four/missing\n\t${session}\n`);
    expect(byPath).toMatch(new RegExp(`^/four\n(\t0x[0-9a-f]+\n)*\t${session}\n`, 'm'));
    const bySession = await ask(leader, 'wchc');
    expect(bySession).toContain(`${session}\n\t/four\n\t/four/missing\n`);
    client.destroy();
  });

  it('an unknown word is read as a packet length and closes the connection', async () => {
    expect(await ask(leader, 'abcd')).toBe('');
  });
});

describe('conf and dirs with FileStorage', () => {
  it('print the data directory and the sizes of its files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kafkalab-zk-4lw-'));
    const fileTransport = new MemoryTransport();
    const single = await ZooKeeperEnsemble.start({ transport: fileTransport, clientPorts: [0], tickTimeMs: 100, storage: (id) => new FileStorage(join(root, `zk-${id}`)) });
    try {
      const port = single.status()[0].clientPort;
      const client = await RawClient.connect(fileTransport, '127.0.0.1', port);
      await client.create('/on-disk', 'bytes');
      client.destroy();
      const dir = join(root, 'zk-1');
      const size = (name: string) => {
        try {
          return statSync(join(dir, name)).size;
        } catch {
          return 0;
        }
      };
      const dataBytes = size('snapshot.json') + size('epochs.json');
      const logBytes = size('log.jsonl');
      expect(logBytes).toBeGreaterThan(0);
      expect(await fourLetterWord(fileTransport, '127.0.0.1', port, 'dirs')).toBe(`datadir_size: ${dataBytes}\nlogdir_size: ${logBytes}\n`);
      const conf = await fourLetterWord(fileTransport, '127.0.0.1', port, 'conf');
      expect(conf).toContain(`\ndataDir=${dir}\ndataDirSize=${dataBytes}\ndataLogDir=${dir}\ndataLogSize=${logBytes}\n`);
      expect(conf).toContain(`clientPort=${port}\n`);
      expect(conf).toContain('\nserverId=1\n');
    } finally {
      await single.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
