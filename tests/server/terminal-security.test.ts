import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { labCommandRegistry } from '../../src/terminal/lab-commands.ts';
import { DEFAULT_PROMPT } from '../../src/terminal/shell/lab-shell.ts';
import { projectRoot } from '../support/start-kafkalab.ts';
import type { TerminalClient } from './support/terminal-client.ts';
import { listenOnLoopback, runLine, terminalClients } from './support/terminal-sessions.ts';

/**
 * What a learner (or anyone who reaches the socket) can do through the terminal protocol: run the lab's
 * commands against the cluster, nothing else. No line starts a host process, reads or writes a host file,
 * or reaches a port that is not the cluster's. The process-spawning functions are watched for the whole
 * file; a TCP server beside the cluster counts the connections it gets.
 */

/** Every way Node starts a process, wrapped to count calls (the ESM bindings too). */
const childProcess = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
const spawned: string[] = [];
const originals = new Map<string, unknown>();
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  const original = childProcess[name] as (...args: unknown[]) => unknown;
  originals.set(name, original);
  childProcess[name] = (...args: unknown[]) => {
    spawned.push(`${name} ${JSON.stringify(args[0])}`);
    return original(...args);
  };
}
syncBuiltinESMExports();

/** A TCP server, not the cluster's, counting what reaches it. */
async function recordingServer(host = '127.0.0.1', listenPort = 0) {
  let accepted = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.end('secret\n');
  });
  await new Promise<void>((resolve) => server.listen(listenPort, host, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('the terminal cannot reach the host', () => {
  let runtime: EmbeddedRuntime;
  let app: FastifyInstance;
  let port: number;
  let outsider: Awaited<ReturnType<typeof recordingServer>>;
  const { attach } = terminalClients(() => port, { prompt: DEFAULT_PROMPT });
  /** Runs a line that keeps retrying an unreachable server: waits for `sign` of its attempt, then Ctrl-C. */
  const runUntil = async (client: TerminalClient, line: string, sign: string | RegExp) => {
    const from = client.output.length;
    client.type(`${line}\r`);
    await client.waitForOutput(sign, { from });
    client.type('\x03');
    const screen = await client.waitForOutput(DEFAULT_PROMPT, { from });
    return screen.slice(0, screen.lastIndexOf(DEFAULT_PROMPT));
  };

  beforeAll(async () => {
    runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    await runtime.up();
    outsider = await recordingServer();
    app = await buildApp({ runtime, version: 'test' });
    port = await listenOnLoopback(app);
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.[Symbol.asyncDispose]();
    await outsider?.close();
    for (const [name, original] of originals) childProcess[name] = original;
    syncBuiltinESMExports();
  });

  it('starts no host program, whatever is typed', async () => {
    const client = await attach();
    const lines = [
      'bash',
      'sh -c id',
      '/bin/ls /',
      '/usr/bin/env',
      'exec /bin/sh',
      'eval id',
      'node -e "require(\'child_process\').execSync(\'id\')"',
      '$(id)',
      '`id`',
      'echo $(id) `id`',
      'id; whoami && uname -a || hostname',
      'echo x | sh',
      'kafka-topics.sh; /bin/sh',
      'env SHELL=/bin/sh sh',
      'PATH=/bin ls',
    ];
    for (const line of lines) {
      const screen = await runLine(client, line);
      expect(screen, line).not.toMatch(/uid=\d+/);
      expect(screen, line).not.toMatch(/Linux|GNU|bin\b.*\betc\b/);
    }
    expect(spawned).toEqual([]);
  });

  it('reads no host file', async () => {
    const client = await attach();
    for (const line of ['cat /etc/passwd', 'grep root /etc/passwd', 'cat < /etc/passwd', 'head -1 /etc/hostname', 'wc -l /etc/passwd', '. /etc/passwd', 'source /etc/passwd', 'kafka-topics --bootstrap-server localhost:1 --list --command-config /etc/passwd']) {
      const screen = await runLine(client, line);
      expect(screen, line).not.toMatch(/root:.*:0:0:/);
    }
    expect(readFileSync('/etc/passwd', 'utf8')).toMatch(/^root:/m);
  });

  it('writes no host file', async () => {
    const client = await attach();
    const target = join(tmpdir(), `kafkalab-terminal-${process.pid}-${Date.now()}`);
    for (const line of [`echo x > ${target}`, `echo x >> ${target}`, `echo x 2> ${target}`, `echo x | tee ${target}`, `zookeeper-shell localhost:1 > ${target}`, `cat > ${target}`]) {
      await runLine(client, line);
      expect(existsSync(target), line).toBe(false);
    }
    expect(spawned).toEqual([]);
  });

  it('reaches no port outside the cluster: nc, zookeeper-shell and the Kafka tools are refused without a connection', async () => {
    const client = await attach();
    const at = `localhost:${outsider.port}`;
    const nc = await runLine(client, `echo srvr | nc -v localhost ${outsider.port}`);
    expect(nc).toContain('Connection refused');
    expect(nc).not.toContain('secret');
    await runLine(client, `nc 127.0.0.1 ${outsider.port}`);
    const zookeeper = await runUntil(client, `zookeeper-shell ${at} ls /`, /Connection refused/);
    expect(zookeeper).not.toContain('secret');
    for (const tool of ['kafka-topics', 'kafka-broker-api-versions', 'kafka-consumer-groups', 'kafka-get-offsets']) {
      if (!labCommandRegistry().find(tool)) continue;
      const list = tool === 'kafka-get-offsets' ? '--topic t' : tool === 'kafka-broker-api-versions' ? '' : '--list';
      await runUntil(client, `${tool} --bootstrap-server ${at} ${list}`, new RegExp(`Connection to node -1 \\(localhost/127\\.0\\.0\\.1:${outsider.port}\\) could not be established|DisconnectException|Exception`));
    }
    expect(outsider.accepted()).toBe(0);
  });

  it('reaches no other address, even on a cluster port', async () => {
    const client = await attach();
    const kafkaPort = (await runtime.status()).nodes.find((node) => node.kind === 'kafka')!.port;
    // Another loopback address of this machine, listening on the same port as a broker.
    const twin = await recordingServer('127.0.0.2', kafkaPort);
    try {
      for (const host of ['127.0.0.2', '10.0.0.1', '169.254.169.254', 'example.com']) {
        const screen = await runLine(client, `nc -v -w 1 ${host} ${kafkaPort}`);
        expect(screen, host).toContain(`connect to ${host} port ${kafkaPort} (tcp) failed: Connection refused`);
      }
      expect(twin.accepted()).toBe(0);
    } finally {
      await twin.close();
    }
  });
});

describe('the terminal code reaches no process or file by construction', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
    });
  const importsOf = (path: string) => [...readFileSync(path, 'utf8').matchAll(/(?:^|\s)(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2]);
  const node = /^(node:)?(assert|async_hooks|buffer|child_process|cluster|crypto|dgram|dns|events|fs|fs\/promises|http|http2|https|module|net|os|path|perf_hooks|process|readline|stream|timers|tls|tty|url|util|v8|vm|worker_threads|zlib)(\/.*)?$/;

  it('src/terminal (the shell and the tools, which will also run in a browser tab) imports no Node module and nothing of the server', () => {
    const root = join(projectRoot, 'src', 'terminal');
    const offending: string[] = [];
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      for (const specifier of importsOf(file)) {
        if (node.test(specifier) || specifier.includes('/server/')) offending.push(`${relative(projectRoot, file)}: ${specifier}`);
      }
      if (/\brequire\s*\(|\bprocess\.(env|exit|stdout|stdin|argv|cwd)\b/.test(text)) offending.push(`${relative(projectRoot, file)}: uses a Node global`);
    }
    expect(offending).toEqual([]);
  });

  it('src/server/terminal imports no process or file module', () => {
    const root = join(projectRoot, 'src', 'server', 'terminal');
    const offending = sources(root).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => /^(node:)?(child_process|fs|fs\/promises|worker_threads|cluster)$/.test(specifier))
        .map((specifier) => `${relative(projectRoot, file)}: ${specifier}`),
    );
    expect(sources(root).length).toBeGreaterThan(5);
    expect(offending).toEqual([]);
  });
});
