/**
 * `kafkalab node zookeeper` as the kafkalab image runs it: three member processes configured by
 * cp-zookeeper's variables only, talking over TCP on loopback. Each runs from a copy of just bin/,
 * src/cluster and src/server/node (no node_modules), as in the image. Real clients (ours,
 * node-zookeeper-client, kazoo, zkCli.sh) write on one member and read on another; the leader is
 * SIGKILLed, a new one takes over, and the old one comes back as a follower with its data.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperClient } from '../../src/cluster/zookeeper/client/index.ts';
import { fourLetterWord } from '../../src/cluster/zookeeper/server/testing/four-letter.ts';
import { describeWithPeer } from '../support/peers.ts';
import { call, connectNzc, nzc, text } from '../zookeeper/helpers/nzc.ts';
import { python, run, zkCli } from '../zookeeper/helpers/peers.ts';
import { freePorts } from '../support/free-ports.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const transport = new TcpTransport();
const tickMs = 200;

interface Member {
  id: number;
  clientPort: number;
  quorumPort: number;
  electionPort: number;
  dataDir: string;
  child?: ChildProcess;
  output: string;
  exited?: Promise<number | null>;
}

let work: string;
let app: string;
let members: Member[];


function env(member: Member): Record<string, string> {
  return {
    ZOOKEEPER_SERVER_ID: String(member.id),
    ZOOKEEPER_CLIENT_PORT: String(member.clientPort),
    ZOOKEEPER_CLIENT_PORT_ADDRESS: '127.0.0.1',
    ZOOKEEPER_TICK_TIME: String(tickMs),
    ZOOKEEPER_INIT_LIMIT: '10',
    ZOOKEEPER_SYNC_LIMIT: '5',
    ZOOKEEPER_SERVERS: members.map((m) => `127.0.0.1:${m.quorumPort}:${m.electionPort}`).join(';'),
    ZOOKEEPER_DATA_DIR: member.dataDir,
    KAFKA_OPTS: '-Dzookeeper.4lw.commands.whitelist=*',
  };
}

/** Starts `kafkalab node zookeeper` with the environment alone (nothing inherited). */
function spawnNode(variables: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(app, 'bin/kafkalab.js'), 'node', 'zookeeper'], { cwd: app, env: variables, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

function start(member: Member): void {
  member.output = '';
  const started = spawnNode(env(member));
  member.child = started.child;
  member.exited = started.exited;
  started.child.stdout?.on('data', (chunk: Buffer) => (member.output += chunk.toString()));
  started.child.stderr?.on('data', (chunk: Buffer) => (member.output += chunk.toString()));
}

/** `srvr`'s Mode (leader / follower), `not serving`, or `down` when nothing listens. */
async function mode(member: Member): Promise<string> {
  try {
    const answer = await fourLetterWord(transport, '127.0.0.1', member.clientPort, 'srvr');
    return /Mode: (\w+)/.exec(answer)?.[1] ?? 'not serving';
  } catch {
    return 'down';
  }
}

async function modes(): Promise<string[]> {
  return Promise.all(members.map(mode));
}

async function poll(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; modes ${(await modes()).join(', ')}\n${members.map((m) => `--- zookeeper-${m.id}\n${m.output}`).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function leaderAndFollowers(): Promise<{ leader: Member; followers: Member[] }> {
  const seen = await modes();
  return { leader: members[seen.indexOf('leader')], followers: members.filter((_, i) => seen[i] === 'follower') };
}

/** Our client on exactly one member. */
async function ours(member: Member): Promise<ZooKeeperClient> {
  const client = new ZooKeeperClient({ connectString: `127.0.0.1:${member.clientPort}`, transport, sessionTimeoutMs: 4000 });
  await client.connect();
  return client;
}

async function readOn(member: Member, znode: string): Promise<string> {
  const client = await ours(member);
  try {
    await client.sync(znode);
    return new TextDecoder().decode((await client.getData(znode)).data);
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kafkalab-zk-node-'));
  // What the image carries: bin/, src/cluster, src/server/node; no package.json, no node_modules.
  app = path.join(work, 'app');
  const copy = (dir: string) => cpSync(path.join(repo, dir), path.join(app, dir), { recursive: true, filter: (source) => !source.endsWith('.test.ts') });
  for (const dir of ['bin', 'src/cluster', 'src/server/node']) copy(dir);
  const ports = await freePorts(9);
  members = [1, 2, 3].map((id) => ({
    id,
    clientPort: ports[id - 1],
    quorumPort: ports[2 + id],
    electionPort: ports[5 + id],
    dataDir: path.join(work, `zookeeper-${id}`),
    output: '',
  }));
  for (const member of members) start(member);
});

afterAll(async () => {
  for (const member of members ?? []) member.child?.kill('SIGKILL');
  await Promise.all((members ?? []).map((m) => m.exited));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('kafkalab node zookeeper: three member processes', () => {
  it('elect exactly one leader over their quorum ports, and log what they do not support', async () => {
    await poll(async () => (await modes()).sort().join() === 'follower,follower,leader', 'one leader and two followers');
    const leaders = (await modes()).filter((m) => m === 'leader');
    expect(leaders).toHaveLength(1);
    for (const member of members) {
      expect(member.output).toContain('4lw.commands.whitelist=* (KAFKA_OPTS): every four-letter word is answered');
      expect(member.output).toMatch(/link to member \d up/);
    }
    const { leader } = await leaderAndFollowers();
    const conf = await fourLetterWord(transport, '127.0.0.1', leader.clientPort, 'conf');
    expect(conf).toContain(`server.${leader.id}=127.0.0.1:${leader.quorumPort}:${leader.electionPort}:participant;127.0.0.1:${leader.clientPort}\n`);
    expect(await fourLetterWord(transport, '127.0.0.1', leader.clientPort, 'ruok')).toBe('imok');
  });

  it('replicate a write made through one member to the others (our client and node-zookeeper-client)', async () => {
    const { leader, followers } = await leaderAndFollowers();
    const writer = await ours(followers[0]);
    await writer.create('/x', 'written on a follower');
    await writer.close();
    expect(await readOn(followers[1], '/x')).toBe('written on a follower');

    const { client } = await connectNzc(`127.0.0.1:${followers[1].clientPort}`);
    try {
      const [data] = await call<[Buffer | null, unknown]>((cb) => client.getData('/x', undefined, cb));
      expect(text(data)).toBe('written on a follower');
      await call((cb) => client.create('/nzc', Buffer.from('from node-zookeeper-client'), nzc.CreateMode.PERSISTENT, cb));
    } finally {
      client.close();
    }
    expect(await readOn(leader, '/nzc')).toBe('from node-zookeeper-client');
  });

  describeWithPeer('kazoo', 'kazoo', () => {
    it('writes on one member and reads on another', async () => {
      const { leader, followers } = await leaderAndFollowers();
      const script = [
        'import json, sys',
        'from kazoo.client import KazooClient',
        'w = KazooClient(hosts=sys.argv[1]); w.start(timeout=15)',
        "w.create('/kazoo', b'from kazoo')",
        'r = KazooClient(hosts=sys.argv[2]); r.start(timeout=15)',
        "r.sync('/kazoo')",
        "print(json.dumps({'kazoo': r.get('/kazoo')[0].decode(), 'x': r.get('/x')[0].decode()}))",
        'w.stop(); r.stop()',
      ].join('\n');
      const result = await run(python, ['-c', script, `127.0.0.1:${leader.clientPort}`, `127.0.0.1:${followers[0].clientPort}`]);
      expect(result.stderr).not.toMatch(/Traceback/);
      expect(JSON.parse(result.stdout.trim().split('\n').at(-1) as string)).toEqual({ kazoo: 'from kazoo', x: 'written on a follower' });
      expect(await readOn(followers[1], '/kazoo')).toBe('from kazoo');
    });
  });

  describeWithPeer('zkCli', 'zkCli.sh (the Java client)', () => {
    it('reads what the others wrote', async () => {
      const { followers } = await leaderAndFollowers();
      const result = await run('sh', ['-c', `exec ${zkCli} -server 127.0.0.1:${followers[1].clientPort} get /nzc 2>&1`], { timeoutMs: 60_000 });
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')).toContain('from node-zookeeper-client');
    }, 60_000);
  });

  it('elect a new leader when the leader is SIGKILLed, keep the data, and take the old leader back as a follower', async () => {
    const { leader: first, followers } = await leaderAndFollowers();
    const killedAt = Date.now();
    first.child?.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    await poll(async () => (await Promise.all(followers.map(mode))).sort().join() === 'follower,leader', 'a new leader among the two left');
    const failoverMs = Date.now() - killedAt;
    console.log(`failover after SIGKILL of the leader: ${failoverMs} ms (tickTime ${tickMs} ms)`);
    const { leader: second } = await leaderAndFollowers();
    expect(second.id).not.toBe(first.id);
    expect(await readOn(second, '/x')).toBe('written on a follower');
    const writer = await ours(second);
    await writer.create('/during-outage', 'written while the old leader was down');
    await writer.close();

    start(first);
    await poll(async () => (await mode(first)) === 'follower', 'the old leader back as a follower');
    expect(await mode(second)).toBe('leader');
    // Its own disk brought back what it had, the new leader the rest.
    expect(first.output).toMatch(/loaded [1-9]\d* znodes and \d+ logged transactions from storage/);
    expect(await readOn(first, '/x')).toBe('written on a follower');
    expect(await readOn(first, '/during-outage')).toBe('written while the old leader was down');
  }, 60_000);

  it('drop the links of a paused follower (SIGSTOP) after syncLimit of silence, and resync it when it resumes', async () => {
    const { leader, followers } = await leaderAndFollowers();
    const paused = followers[0];
    const before = leader.output.length;
    paused.child?.kill('SIGSTOP');
    try {
      await poll(async () => /nothing heard from member \d+ for \d+ ms; closing that link/.test(leader.output.slice(before)), "the leader's link to the paused member closed");
      const writer = await ours(leader);
      await writer.create('/while-paused', 'written while a follower was paused');
      await writer.close();
    } finally {
      paused.child?.kill('SIGCONT');
    }
    await poll(async () => (await mode(paused)) === 'follower', 'the paused member following again');
    expect(await mode(leader)).toBe('leader');
    expect(await readOn(paused, '/while-paused')).toBe('written while a follower was paused');
  }, 60_000);

  it('stop on SIGTERM: each member exits 0 and frees its client port', async () => {
    for (const member of members) member.child?.kill('SIGTERM');
    expect(await Promise.all(members.map((m) => m.exited))).toEqual([0, 0, 0]);
    expect(await modes()).toEqual(['down', 'down', 'down']);
    for (const member of members) expect(member.output).toContain('SIGTERM: stopping zookeeper');
  });
});

describe('kafkalab node zookeeper: configuration errors', () => {
  it('exits 1 naming ZOOKEEPER_CLIENT_PORT when it is missing', async () => {
    const started = spawnNode({ ZOOKEEPER_SERVER_ID: '1' });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('kafkalab node zookeeper: ZOOKEEPER_CLIENT_PORT is not set: it is the port clients connect to');
  });

  it('exits 1 naming the client port when something else holds it', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const started = spawnNode({ ZOOKEEPER_CLIENT_PORT: String(port), ZOOKEEPER_CLIENT_PORT_ADDRESS: '127.0.0.1', ZOOKEEPER_DATA_DIR: path.join(work, 'busy') });
      expect(await started.exited).toBe(1);
      expect(started.output()).toMatch(new RegExp(`kafkalab node zookeeper: cannot listen on the client port 127\\.0\\.0\\.1:${port} \\(.*EADDRINUSE.*\\): free the port or change ZOOKEEPER_CLIENT_PORT`));
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
