/**
 * A real Apache ZooKeeper 3.8 ensemble (Debian's `zookeeper` package) on loopback, for tests that check
 * our code against the real thing. Node-only (spawns JVMs); never imported by `src/`.
 *
 * One JVM per node (`QuorumPeerMain`, small heap), a fresh temporary directory per ensemble, ports picked
 * at run time. Nodes are supervised: a node that exits without being asked to (ZooKeeper sometimes dies
 * with "Address already in use" on a cold start) is restarted, a bounded number of times.
 *
 *   await using zk = await startRealZooKeeper({ nodes: 3, tickTime: 500 });
 *   zk.connectString // '127.0.0.1:41234,127.0.0.1:41240,127.0.0.1:41246'
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JAVA, missingPeerMessage, peerAvailable, ZOOKEEPER_JAR_DIR as JAR_DIR, ZOOKEEPER_JARS as CLASSPATH_JARS } from './peers.ts';
import { fourLetterWord as sendFourLetterWord } from '../../src/server/runtime/docker/four-letter-word.ts';

const HOST = '127.0.0.1';

/** What `srvr` says about a node, plus `down` (nothing listening) and `not-serving` (no quorum). */
export type ZooKeeperMode = 'leader' | 'follower' | 'observer' | 'standalone' | 'read-only' | 'not-serving' | 'down';

export interface RealZooKeeperOptions {
  /** 1 (standalone) or 3 (a quorum). */
  nodes: 1 | 3;
  /** `tickTime` in ms (default 2000). Session timeouts are clamped to [2, 20] ticks. */
  tickTime?: number;
  /** How long to wait for every node to serve (default 30 s). */
  startTimeoutMs?: number;
}

export interface RealZooKeeperServer {
  /** `myid`, 1-based. */
  readonly id: number;
  readonly host: string;
  readonly clientPort: number;
}

export interface RealZooKeeperEnsemble extends AsyncDisposable {
  /** `host:port,host:port,...` of every node, in id order. */
  readonly connectString: string;
  readonly servers: readonly RealZooKeeperServer[];
  readonly tickTime: number;
  /** The temporary directory holding configs, data and logs (removed by `close`). */
  readonly dir: string;
  /** Stops a node gracefully (SIGTERM, then SIGKILL after 5 s). It stays down until `start(id)`. */
  stop(id: number): Promise<void>;
  /** SIGKILLs a node, as a crash would. It stays down until `start(id)`. */
  kill(id: number): Promise<void>;
  /** Freezes a node (SIGSTOP): its sockets stay open but it answers nothing, like a hung server. */
  pause(id: number): void;
  /** Thaws a node frozen by `pause` (SIGCONT). */
  resume(id: number): void;
  /** Starts a stopped node; by default waits (bounded) until it serves clients again. */
  start(id: number, options?: { wait?: boolean }): Promise<void>;
  /** The JVM's process id while the node runs. */
  pid(id: number): number | undefined;
  /** The id of the node at `host:port` (e.g. a client's `connectedServer`). */
  idOf(address: string | undefined): number | undefined;
  /** The node's mode from the `srvr` four-letter word. */
  mode(id: number): Promise<ZooKeeperMode>;
  /** Waits until every running node serves (leader/follower/standalone); throws with log tails on timeout. */
  waitUntilServing(timeoutMs?: number): Promise<void>;
  /** The id of the current leader (or the standalone node), waiting (bounded) for one to be elected. */
  leader(timeoutMs?: number): Promise<number>;
  /** Sends a four-letter word (`srvr`, `mntr`, `cons`, ...) to a node and returns its answer. */
  fourLetterWord(id: number, command: string): Promise<string>;
  /** The last lines of a node's log, for failure messages. */
  logTail(id: number, lines?: number): string;
  /** Kills every JVM and removes the temporary directory. Idempotent. */
  close(): Promise<void>;
}

interface NodeState {
  readonly server: RealZooKeeperServer;
  readonly dir: string;
  readonly config: string;
  readonly logFile: string;
  process: ChildProcess | undefined;
  /** True while the node should be running (the supervisor restarts it if it exits). */
  wanted: boolean;
  restarts: number;
}

const MAX_RESTARTS = 5;
const DIR_PREFIX = 'kafkalab-real-zk-';
/** Processes of every ensemble still open, killed if the test process exits without `close()`. */
const livingProcesses = new Set<ChildProcess>();
let exitHookInstalled = false;

export async function startRealZooKeeper(options: RealZooKeeperOptions): Promise<RealZooKeeperEnsemble> {
  if (!peerAvailable('zookeeper')) throw new Error(missingPeerMessage('zookeeper'));
  installExitHook();
  reapOrphans();
  const tickTime = options.tickTime ?? 2000;
  const dir = mkdtempSync(path.join(tmpdir(), DIR_PREFIX));
  writeFileSync(path.join(dir, 'owner.pid'), `${process.pid}\n`);
  const ports = await pickFreePorts(options.nodes * 3);
  const clientPort = (i: number) => ports[i * 3];
  const quorumLines =
    options.nodes === 1
      ? []
      : Array.from({ length: options.nodes }, (_, i) => `server.${i + 1}=${HOST}:${ports[i * 3 + 1]}:${ports[i * 3 + 2]}`);

  const nodes: NodeState[] = [];
  for (let i = 0; i < options.nodes; i++) {
    const id = i + 1;
    const nodeDir = path.join(dir, `node-${id}`);
    const dataDir = path.join(nodeDir, 'data');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'myid'), `${id}\n`);
    const config = path.join(nodeDir, 'zoo.cfg');
    writeFileSync(
      config,
      [
        `tickTime=${tickTime}`,
        'initLimit=10',
        'syncLimit=5',
        `dataDir=${dataDir}`,
        `clientPort=${clientPort(i)}`,
        `clientPortAddress=${HOST}`,
        '4lw.commands.whitelist=*',
        'admin.enableServer=false',
        ...quorumLines,
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(nodeDir, 'log4j.properties'),
      [
        'log4j.rootLogger=INFO, FILE',
        'log4j.appender.FILE=org.apache.log4j.FileAppender',
        `log4j.appender.FILE.File=${path.join(nodeDir, 'zookeeper.log')}`,
        'log4j.appender.FILE.layout=org.apache.log4j.PatternLayout',
        'log4j.appender.FILE.layout.ConversionPattern=%d{HH:mm:ss,SSS} %-5p [%t] %c{1} - %m%n',
        '',
      ].join('\n'),
    );
    nodes.push({
      server: { id, host: HOST, clientPort: clientPort(i) },
      dir: nodeDir,
      config,
      logFile: path.join(nodeDir, 'zookeeper.log'),
      process: undefined,
      wanted: false,
      restarts: 0,
    });
  }

  const node = (id: number): NodeState => {
    const found = nodes[id - 1];
    if (!found) throw new Error(`no ZooKeeper node ${id}: this ensemble has ids 1..${nodes.length}`);
    return found;
  };

  const launch = (state: NodeState): void => {
    const out = openSync(path.join(state.dir, 'stdout.log'), 'a');
    const child = spawn(
      JAVA,
      [
        '-Xms16m',
        '-Xmx64m',
        '-XX:+UseSerialGC',
        // C1 only: these JVMs live for seconds, so a faster start beats peak throughput.
        '-XX:TieredStopAtLevel=1',
        `-Dlog4j.configuration=file:${path.join(state.dir, 'log4j.properties')}`,
        '-Dzookeeper.admin.enableServer=false',
        '-cp',
        CLASSPATH_JARS.map((jar) => path.join(JAR_DIR, jar)).join(':'),
        'org.apache.zookeeper.server.quorum.QuorumPeerMain',
        state.config,
      ],
      { stdio: ['ignore', out, out], cwd: state.dir },
    );
    closeSync(out);
    state.process = child;
    livingProcesses.add(child);
    if (child.pid !== undefined) writeFileSync(path.join(state.dir, 'jvm.pid'), `${child.pid}\n`);
    child.on('error', (error) => appendNote(state, `supervisor: could not run java: ${error.message}`));
    child.once('exit', (code, signal) => {
      livingProcesses.delete(child);
      if (state.process !== child) return;
      state.process = undefined;
      if (!state.wanted || closed) return;
      // Exited on its own: supervise (the documented cold-start "Address already in use" crash).
      if (state.restarts >= MAX_RESTARTS) return;
      state.restarts++;
      const delay = 200 * state.restarts;
      appendNote(state, `supervisor: node exited (code ${code}, signal ${signal}); restart ${state.restarts} in ${delay} ms`);
      setTimeout(() => {
        if (state.wanted && !closed && !state.process) launch(state);
      }, delay).unref();
    });
  };

  const waitForExit = (child: ChildProcess, killAfterMs: number): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  const halt = async (id: number, signal: NodeJS.Signals): Promise<void> => {
    const state = node(id);
    state.wanted = false;
    const child = state.process;
    if (!child) return;
    child.kill(signal);
    await waitForExit(child, signal === 'SIGKILL' ? 0 : 5000);
  };

  const mode = async (id: number): Promise<ZooKeeperMode> => {
    const { server } = node(id);
    let answer: string;
    try {
      answer = await fourLetterWord(server.host, server.clientPort, 'srvr', 2000);
    } catch {
      return 'down';
    }
    const match = /^Mode: (\S+)/m.exec(answer);
    if (!match) return answer.includes('not currently serving') ? 'not-serving' : 'down';
    const value = match[1];
    return value === 'leader' || value === 'follower' || value === 'observer' || value === 'standalone' || value === 'read-only'
      ? value
      : 'not-serving';
  };

  const serving = (m: ZooKeeperMode) => m === 'leader' || m === 'follower' || m === 'standalone' || m === 'observer';

  const logTail = (id: number, lines = 25): string => {
    const state = node(id);
    const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
    const all = [...read(path.join(state.dir, 'stdout.log')), ...read(state.logFile)].filter((l) => l.trim() !== '');
    return all.slice(-lines).join('\n');
  };

  const waitUntil = async (ids: number[], timeoutMs: number, what: string): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    const modes = new Map<number, ZooKeeperMode>();
    for (;;) {
      await Promise.all(ids.map(async (id) => modes.set(id, await mode(id))));
      if (ids.every((id) => serving(modes.get(id)!))) return;
      if (Date.now() > deadline) {
        const report = ids.map((id) => `node ${id}: ${modes.get(id)}\n${logTail(id, 15)}`).join('\n---\n');
        throw new Error(`real ZooKeeper: ${what} not serving after ${timeoutMs} ms (dir ${dir})\n${report}`);
      }
      await sleep(150);
    }
  };

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await Promise.all(nodes.map((state) => halt(state.server.id, 'SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  };

  const ensemble: RealZooKeeperEnsemble = {
    connectString: nodes.map((n) => `${n.server.host}:${n.server.clientPort}`).join(','),
    servers: nodes.map((n) => n.server),
    tickTime,
    dir,
    stop: (id) => halt(id, 'SIGTERM'),
    kill: (id) => halt(id, 'SIGKILL'),
    pause: (id) => void node(id).process?.kill('SIGSTOP'),
    resume: (id) => void node(id).process?.kill('SIGCONT'),
    async start(id, startOptions) {
      const state = node(id);
      if (closed) throw new Error('real ZooKeeper: this ensemble is closed');
      state.wanted = true;
      state.restarts = 0;
      if (!state.process) launch(state);
      if (startOptions?.wait ?? true) await waitUntil([id], options.startTimeoutMs ?? 30_000, `node ${id}`);
    },
    pid: (id) => node(id).process?.pid,
    idOf: (address) => nodes.find((n) => `${n.server.host}:${n.server.clientPort}` === address)?.server.id,
    mode,
    waitUntilServing: (timeoutMs = options.startTimeoutMs ?? 30_000) =>
      waitUntil(
        nodes.filter((n) => n.wanted).map((n) => n.server.id),
        timeoutMs,
        'the ensemble',
      ),
    async leader(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const state of nodes) {
          if (!state.wanted) continue;
          const m = await mode(state.server.id);
          if (m === 'leader' || m === 'standalone') return state.server.id;
        }
        if (Date.now() > deadline) throw new Error(`real ZooKeeper: no leader after ${timeoutMs} ms (dir ${dir})`);
        await sleep(100);
      }
    },
    fourLetterWord: (id, command) => fourLetterWord(node(id).server.host, node(id).server.clientPort, command, 5000),
    logTail,
    close,
    [Symbol.asyncDispose]: close,
  };

  try {
    for (const state of nodes) {
      state.wanted = true;
      launch(state);
    }
    await ensemble.waitUntilServing();
  } catch (error) {
    await close();
    throw error;
  }
  return ensemble;
}

/**
 * Sends a four-letter word as the first (unframed) bytes of a connection and reads the answer until
 * the server closes the connection (the Docker runtime's client, with a JVM's patience by default).
 */
export function fourLetterWord(host: string, port: number, command: string, timeoutMs = 5000): Promise<string> {
  return sendFourLetterWord(host, port, command, timeoutMs);
}

/**
 * Ports that are free now. They come from below the kernel's ephemeral range when possible: a port
 * handed out by `listen(0)` lies inside that range, where one JVM's outgoing quorum connection can take
 * it as its source port before another JVM binds it (the "Address already in use" cold-start crash).
 * Falls back to `listen(0)` when no such port can be found.
 */
async function pickFreePorts(count: number): Promise<number[]> {
  const [low] = ephemeralRange();
  const holders: net.Server[] = [];
  const ports: number[] = [];
  try {
    for (let attempts = 0; ports.length < count && attempts < count * 50; attempts++) {
      const candidate = low > 11_000 ? 10_000 + Math.floor(Math.random() * (low - 10_000)) : 0;
      const server = await listenOn(candidate);
      if (!server) continue;
      holders.push(server);
      ports.push((server.address() as net.AddressInfo).port);
    }
    while (ports.length < count) {
      const server = await listenOn(0);
      if (!server) throw new Error('could not find a free port on 127.0.0.1');
      holders.push(server);
      ports.push((server.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(holders.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

function listenOn(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ host: HOST, port, exclusive: true }, () => resolve(server));
  });
}

function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low, high];
  } catch {
    // Not Linux: assume the IANA range.
  }
  return [49152, 65535];
}

function appendNote(state: NodeState, note: string): void {
  try {
    writeFileSync(path.join(state.dir, 'stdout.log'), `${new Date().toISOString()} ${note}\n`, { flag: 'a' });
  } catch {
    // The directory may already be gone.
  }
}

/**
 * Kills the JVMs and removes the directories of ensembles whose test process died without `close()`
 * (a worker killed by a signal runs no exit hook). A JVM is only killed if its command line names the
 * orphaned directory, so a reused pid is never hit.
 */
function reapOrphans(): void {
  let entries: string[];
  try {
    entries = readdirSync(tmpdir()).filter((name) => name.startsWith(DIR_PREFIX));
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = path.join(tmpdir(), name);
    try {
      const owner = Number(readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
      if (owner === process.pid || isAlive(owner)) continue;
      for (const node of readdirSync(dir).filter((entry) => entry.startsWith('node-'))) {
        const pidFile = path.join(dir, node, 'jvm.pid');
        if (!existsSync(pidFile)) continue;
        const pid = Number(readFileSync(pidFile, 'utf8'));
        if (isAlive(pid) && readOrEmpty(`/proc/${pid}/cmdline`).includes(dir)) process.kill(pid, 'SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Half-written or already gone: leave it for the next run.
    }
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of livingProcesses) child.kill('SIGKILL');
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
