/**
 * Benchmark of the embedded ZooKeeper ensemble, and of a real 3-node ZooKeeper 3.8 on loopback when
 * Debian's `zookeeper` package is installed, side by side:
 * - cold start in fresh processes: wall time from spawning the process(es) until a leader serves and
 *   every member answers (embedded: one Node process hosting the three members,
 *   bench/support/embedded-ensemble-server.ts; real: three JVMs). Beside it, for the embedded ensemble,
 *   `ZooKeeperEnsemble.start` alone in an already-running process (warm, median of 5);
 * - create and getData operations per second, through node-zookeeper-client (a real client) and
 *   through pipelined protocol requests (our RawClient) over TCP;
 * - resident memory (absolute RSS) of the servers only, once serving and after the operations, with the
 *   embedded process's baseline before the ensemble started.
 *
 *   sh scripts/with-node.sh node bench/zookeeper-ensemble.bench.ts
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TcpTransport } from '../src/cluster/transport/tcp-transport.ts';
import { RawClient } from '../src/cluster/zookeeper/server/testing/raw-client.ts';
import { ZooKeeperEnsemble } from '../src/cluster/zookeeper/zookeeper-ensemble.ts';
import { spawnJsonChild } from './support/json-child.ts';

interface Figures {
  /** Spawn of the server process(es) until every member serves. */
  coldStartMs: number;
  /** Embedded only: `ZooKeeperEnsemble.start` in a running process (warm), and the fresh process's breakdown. */
  warmStartMs?: number;
  loadedMs?: number;
  firstStartMs?: number;
  /** Embedded only: RSS of its process before the ensemble started (Node with the modules loaded). */
  rssBaselineMb?: number;
  nzcCreatePerSec: number;
  nzcGetPerSec: number;
  rawCreatePerSec: number;
  rawGetPerSec: number;
  /** Resident memory once serving, and after the operations (MB). */
  rssStartMb: number;
  rssMb: number;
}

const operations = 5000;
const window = 200;
const zookeeperJar = '/usr/share/java/zookeeper.jar';

interface NzcClient {
  connect(): void;
  close(): void;
  once(event: 'connected', listener: () => void): void;
  create(path: string, data: Buffer, mode: number, callback: (error: Error | null) => void): void;
  getData(path: string, watcher: undefined, callback: (error: Error | null) => void): void;
}
const nzc = createRequire(import.meta.url)('node-zookeeper-client') as { createClient(hosts: string, options?: object): NzcClient };

/** Runs `count` operations with at most `window` in flight; returns operations per second. */
async function throughput(count: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (next < count) await op(next++);
    }),
  );
  return Math.round(count / ((performance.now() - started) / 1000));
}

async function clientFigures(connectString: string, prefix: string): Promise<Pick<Figures, 'nzcCreatePerSec' | 'nzcGetPerSec' | 'rawCreatePerSec' | 'rawGetPerSec'>> {
  const client = nzc.createClient(connectString, { sessionTimeout: 10_000 });
  await new Promise<void>((resolve) => {
    client.once('connected', resolve);
    client.connect();
  });
  const nzcCall = (fn: (cb: (error: Error | null) => void) => void) => new Promise<void>((resolve, reject) => fn((e) => (e ? reject(e) : resolve())));
  await nzcCall((cb) => client.create(`/${prefix}n`, Buffer.alloc(0), 0, cb));
  const payload = Buffer.from('0123456789abcdef0123456789abcdef');
  const nzcCreatePerSec = await throughput(operations, (i) => nzcCall((cb) => client.create(`/${prefix}n/c-${i}`, payload, 0, cb)));
  const nzcGetPerSec = await throughput(operations, (i) => nzcCall((cb) => client.getData(`/${prefix}n/c-${i}`, undefined, cb)));
  client.close();

  const [host, port] = connectString.split(',')[0].split(':');
  const raw = await RawClient.connect(new TcpTransport(), host, Number(port));
  await raw.create(`/${prefix}r`);
  const rawCreatePerSec = await throughput(operations, (i) => raw.create(`/${prefix}r/c-${i}`, payload));
  const rawGetPerSec = await throughput(operations, (i) => raw.getData(`/${prefix}r/c-${i}`));
  await raw.close();
  return { nzcCreatePerSec, nzcGetPerSec, rawCreatePerSec, rawGetPerSec };
}

async function embedded(): Promise<Figures> {
  // Cold start and memory: the ensemble alone in a fresh process, as the real one runs in its JVMs.
  const server = await spawnJsonChild<{ connectString: string; loadedAtMs: number; startMs: number; rssBaseline: number; rss: number }>(
    join(import.meta.dirname, 'support', 'embedded-ensemble-server.ts'),
  );
  let figures: Figures;
  try {
    const coldStartMs = server.readyAt - server.spawnedAt;
    const rssStartMb = rssOf(server.process.pid) / 1024;
    const operations = await clientFigures(server.ready.connectString, 'emb-');
    figures = {
      coldStartMs,
      loadedMs: server.ready.loadedAtMs,
      firstStartMs: server.ready.startMs,
      rssBaselineMb: server.ready.rssBaseline / 1024 / 1024,
      ...operations,
      rssStartMb,
      rssMb: rssOf(server.process.pid) / 1024,
    };
  } finally {
    await server.close();
  }
  // Warm: in this process, after one earlier start (modules loaded, code warm); median of 5.
  const transport = new TcpTransport();
  const starts: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const zk = await ZooKeeperEnsemble.start({ transport, clientPorts: [0, 0, 0] });
    if (i > 0) starts.push(performance.now() - t0);
    await zk.close();
  }
  return { ...figures, warmStartMs: median(starts) };
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve) => {
      const server = net.createServer();
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function fourLetter(port: number, word: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let out = '';
    socket.on('error', () => resolve(''));
    socket.on('data', (chunk) => (out += chunk.toString()));
    socket.on('close', () => resolve(out));
    socket.on('connect', () => socket.end(word));
  });
}

/** A real 3-node ZooKeeper 3.8 on loopback (recipe: one JVM per member, tickTime 2000). */
async function realZooKeeper(): Promise<Figures | undefined> {
  if (!existsSync(zookeeperJar)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'kafkalab-zk-bench-'));
  const ports = await freePorts(9);
  const clientPorts = ports.slice(0, 3);
  const children: ChildProcess[] = [];
  try {
    const t0 = performance.now();
    for (let id = 1; id <= 3; id++) {
      const data = join(dir, `zk${id}`, 'data');
      mkdirSync(data, { recursive: true });
      writeFileSync(join(data, 'myid'), String(id));
      const cfg = join(dir, `zk${id}`, 'zoo.cfg');
      writeFileSync(
        cfg,
        [
          'tickTime=2000',
          'initLimit=10',
          'syncLimit=5',
          `dataDir=${data}`,
          `clientPort=${clientPorts[id - 1]}`,
          'clientPortAddress=127.0.0.1',
          '4lw.commands.whitelist=*',
          'admin.enableServer=false',
          ...[1, 2, 3].map((n) => `server.${n}=127.0.0.1:${ports[1 + 2 * n]}:${ports[2 + 2 * n]}`),
        ].join('\n') + '\n',
      );
      const classpath = [zookeeperJar, '/usr/share/java/slf4j-log4j12.jar', '/usr/share/java/log4j-1.2.jar'].join(':');
      children.push(
        spawn('java', ['-Xms16m', '-Xmx64m', '-XX:+UseSerialGC', '-cp', classpath, 'org.apache.zookeeper.server.quorum.QuorumPeerMain', cfg], { stdio: 'ignore' }),
      );
    }
    const deadline = Date.now() + 60_000;
    for (;;) {
      const modes = await Promise.all(clientPorts.map(async (p) => (await fourLetter(p, 'srvr')).match(/Mode: (\w+)/)?.[1]));
      if (modes.filter((m) => m === 'leader').length === 1 && modes.filter((m) => m === 'follower').length === 2) break;
      if (Date.now() > deadline) throw new Error(`real ZooKeeper did not form a quorum: ${modes.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const coldStartMs = performance.now() - t0;
    const rssStartMb = children.reduce((sum, child) => sum + rssOf(child.pid), 0) / 1024;
    const figures = await clientFigures(clientPorts.map((p) => `127.0.0.1:${p}`).join(','), 'real-');
    const rssMb = children.reduce((sum, child) => sum + rssOf(child.pid), 0) / 1024;
    return { coldStartMs, ...figures, rssStartMb, rssMb };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** VmRSS of a process in KiB (0 when unknown). */
function rssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function main(): Promise<{ embedded: Figures; real?: Figures }> {
  const ours = await embedded();
  const real = await realZooKeeper().catch((error: unknown) => {
    console.error(`real ZooKeeper skipped: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  const dash = (value: number | undefined, digits = 0) => (value === undefined ? '-' : value.toFixed(digits));
  const rows: Array<[string, (f: Figures) => string]> = [
    ['cold start, fresh process(es): spawn -> all serving (ms)', (f) => f.coldStartMs.toFixed(0)],
    ['  of which Node start-up + loading modules (ms)', (f) => dash(f.loadedMs)],
    ['  of which ZooKeeperEnsemble.start, first (ms)', (f) => dash(f.firstStartMs)],
    ['in-process start, warm, median of 5 (ms)', (f) => dash(f.warmStartMs)],
    [`create/s, node-zookeeper-client (${window} in flight)`, (f) => String(f.nzcCreatePerSec)],
    [`getData/s, node-zookeeper-client (${window} in flight)`, (f) => String(f.nzcGetPerSec)],
    [`create/s, pipelined protocol (${window} in flight)`, (f) => String(f.rawCreatePerSec)],
    [`getData/s, pipelined protocol (${window} in flight)`, (f) => String(f.rawGetPerSec)],
    ['RSS before the ensemble, process baseline (MB)', (f) => dash(f.rssBaselineMb)],
    ['RSS absolute once serving (MB)', (f) => f.rssStartMb.toFixed(0)],
    ['RSS absolute after the operations (MB)', (f) => f.rssMb.toFixed(0)],
  ];
  console.log(`ZooKeeper ensemble, 3 members on 127.0.0.1, ${operations} operations per figure`);
  console.log(`${'metric'.padEnd(56)} ${'embedded'.padStart(10)} ${real ? 'real ZK 3.8'.padStart(12) : ''}`);
  for (const [name, value] of rows) console.log(`${name.padEnd(56)} ${value(ours).padStart(10)} ${real ? value(real).padStart(12) : ''}`);
  console.log(
    `(memory: embedded = the one Node process hosting all three members, baseline = that process with its modules loaded, before the ensemble started; ` +
      `real = the three JVMs. The operations leave ${2 * operations} znodes of up to 32 bytes each, under 1 MB of data.)`,
  );
  if (!real) console.log('(install Debian zookeeper for the real ensemble column)');
  console.log(`goal: cold start (fresh process) < 300 ms -> ${ours.coldStartMs < 300 ? 'met' : 'NOT met'}; in-process warm start < 300 ms -> ${(ours.warmStartMs ?? Infinity) < 300 ? 'met' : 'NOT met'}`);
  return { embedded: ours, real };
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
