/**
 * zookeeper-shell against a real embedded ZooKeeper on loopback TCP: one-shot and interactive mode, the
 * output formats of ZooKeeper 3.8.4's commands, the usage list, errors, a stopped server and Ctrl-C.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpTransport } from '../../../cluster/transport/tcp-transport.ts';
import { ZooKeeperClient } from '../../../cluster/zookeeper/client/index.ts';
import { ZooKeeperEnsemble } from '../../../cluster/zookeeper/zookeeper-ensemble.ts';
import { runCommand, ScriptedInput } from '../../testing/run-command.ts';
import type { CommandRun } from '../../testing/run-command.ts';
import { deadPort } from '../../testing/dead-port.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { zookeeperShell } from './zookeeper-shell.ts';

const usage = readFileSync(new URL('testing/zookeeper-usage.txt', import.meta.url), 'utf8');
const NOW = Date.UTC(2024, 10, 11, 2, 46, 50, 786);
const exitLine = (code: number) => `[2024-11-11 02:46:50,786] ERROR Exiting JVM with code ${code} (org.apache.zookeeper.util.ServiceUtils)\n`;
const connected = '\nWATCHER::\n\nWatchedEvent state:SyncConnected type:None path:null\n';

const transport = new TcpTransport();
const env = testToolEnvironment({ transport, now: NOW });
let ensemble: ZooKeeperEnsemble;
let port: number;
let client: ZooKeeperClient;
let server: string;

beforeAll(async () => {
  ensemble = await ZooKeeperEnsemble.start({ transport, clientPorts: [0], tickTimeMs: 200 });
  port = ensemble.status()[0].clientPort;
  server = `localhost:${port}`;
  client = new ZooKeeperClient({ connectString: `127.0.0.1:${port}`, transport });
  await client.connect();
  await client.mkdirp('/brokers/ids');
  for (const id of [2, 0, 1]) await client.create(`/brokers/ids/${id}`, `{"broker":${id}}`);
  await client.mkdirp('/brokers/topics/test');
});
afterAll(async () => {
  await client?.close();
  await ensemble?.close();
});

const shell = (...args: string[]) => runCommand(zookeeperShell, args, { env });

/** An interactive session: lines typed one after the other (each waits for the previous one's output to settle). */
async function interactive(lines: string[], options: { end?: boolean } = {}): Promise<CommandRun> {
  const stdin = new ScriptedInput();
  const run = runCommand(zookeeperShell, [server], { env, stdin });
  for (const line of lines) stdin.push(line);
  if (options.end !== false) stdin.end();
  return run;
}

describe('zookeeper-shell one-shot mode', () => {
  it('prints the connect line, the watcher block, then the sorted children', async () => {
    const run = await shell(server, 'ls', '/brokers/ids');
    expect(run).toMatchObject({ exitCode: 0, stderr: '', stdout: `Connecting to ${server}\n${connected}[0, 1, 2]\n` });
  });

  it('get prints the data, get -s adds the stat block with the znode stat', async () => {
    const run = await shell(server, 'get', '-s', '/brokers/ids/1');
    const { stat } = await client.getData('/brokers/ids/1');
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([`Connecting to ${server}`, '', 'WATCHER::', '', 'WatchedEvent state:SyncConnected type:None path:null', '{"broker":1}']);
    expect(lines.slice(6)).toEqual([
      `cZxid = 0x${stat.czxid.toString(16)}`,
      expect.stringMatching(/^ctime = (Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d UTC \d{4}$/),
      `mZxid = 0x${stat.mzxid.toString(16)}`,
      expect.stringMatching(/^mtime = .+ UTC \d{4}$/),
      `pZxid = 0x${stat.pzxid.toString(16)}`,
      'cversion = 0',
      'dataVersion = 0',
      'aclVersion = 0',
      'ephemeralOwner = 0x0',
      'dataLength = 12',
      'numChildren = 0',
      '',
    ]);
  });

  it('ls -s adds the stat block of the listed znode', async () => {
    const run = await shell(server, 'ls', '-s', '/brokers/ids');
    const stat = await client.exists('/brokers/ids');
    expect(run.stdout.split(connected)[1]).toMatch(
      new RegExp(`^\\[0, 1, 2\\]\\ncZxid = 0x${stat!.czxid.toString(16)}\\n(.+\\n){5}dataVersion = 0\\naclVersion = 0\\nephemeralOwner = 0x0\\ndataLength = 0\\nnumChildren = 3\\n$`),
    );
  });

  it('a znode without data reads as null', async () => {
    expect((await shell(server, 'get', '/brokers')).stdout.endsWith(`${connected}null\n`)).toBe(true);
  });

  it('a missing znode: the message on stderr, status 1 and the JVM exit line', async () => {
    const run = await shell(server, 'get', '/nope');
    expect(run).toMatchObject({ exitCode: 1, stdout: `Connecting to ${server}\n${connected}`, stderr: `Node does not exist: /nope\n${exitLine(1)}` });
  });

  it('an unknown command: the usage list on stderr, status 127', async () => {
    const run = await shell(server, 'help');
    expect(run.exitCode).toBe(127);
    expect(run.stderr).toBe(usage + exitLine(127));
  });

  it('without an address: the script usage on stdout, status 1', async () => {
    expect(await runCommand(zookeeperShell, [], { env })).toMatchObject({
      exitCode: 1,
      stdout: 'USAGE: /usr/bin/zookeeper-shell zookeeper_host:port[/path] [-zk-tls-config-file file] [args...]\n',
    });
  });

  it('a path without a slash, and a missing path, are refused before asking ZooKeeper', async () => {
    expect((await shell(server, 'ls', 'brokers')).stderr).toBe(`Path must start with / character\n${exitLine(1)}`);
    expect((await shell(server, 'stat')).stderr).toBe(`stat [-w] path\n${exitLine(1)}`);
    expect((await shell(server, 'ls', '-x', '/')).stderr).toBe(`org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -x\n${exitLine(1)}`);
  });
});

describe('zookeeper-shell interactive mode', () => {
  it('prints the banner, runs each line, and ends at Ctrl-D with the last status', async () => {
    const run = await interactive(['ls /brokers', '', 'get /brokers/ids/2']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`Connecting to ${server}\nWelcome to ZooKeeper!\nJLine support is disabled\n${connected}[ids, topics]\n{"broker":2}\n`);
    expect(run.stderr).toBe('');
  });

  it('create, set -s, ls -R, delete of a non-empty znode, deleteall; quit after a failure exits 1', async () => {
    const run = await interactive([
      'create /lab "first value"',
      'create /lab/a',
      'create /lab/a/deep x',
      'create /lab/b',
      'create -s /lab/b/seq-',
      'set -s /lab/a changed',
      'ls -R /lab',
      'delete /lab',
      'deleteall /lab',
      'stat /lab',
      'quit',
      'ls /',
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'Created /lab\nCreated /lab/a\nCreated /lab/a/deep\nCreated /lab/b\nCreated /lab/b/seq-0000000000\n' +
        'Node not empty: /lab\nNode does not exist: /lab\n' +
        exitLine(1),
    );
    const stdout = run.stdout.split(connected)[1];
    expect(stdout).toMatch(/^cZxid = 0x[0-9a-f]+\n/);
    expect(stdout).toMatch(/\ndataVersion = 1\naclVersion = 0\nephemeralOwner = 0x0\ndataLength = 7\nnumChildren = 1\n/);
    expect(stdout.slice(stdout.indexOf('numChildren = 1\n') + 16)).toBe('/lab\n/lab/a\n/lab/b\n/lab/a/deep\n/lab/b/seq-0000000000\n');
    expect(await client.exists('/lab')).toBeNull();
  });

  it('an ephemeral znode lives as long as the shell session', async () => {
    const stdin = new ScriptedInput();
    const outputs: string[] = [];
    let created!: () => void;
    const createdSeen = new Promise<void>((resolve) => (created = resolve));
    const run = runCommand(zookeeperShell, [server], {
      env,
      stdin,
      onOutput: (_stream, text) => {
        outputs.push(text);
        if (text.includes('Created /session-owned')) created();
      },
    });
    stdin.push('create -e /session-owned here');
    await createdSeen;
    const stat = await client.exists('/session-owned');
    expect(stat?.ephemeralOwner).not.toBe(0n);
    stdin.push('quit');
    expect((await run).exitCode).toBe(0);
    expect(await client.exists('/session-owned')).toBeNull();
  });

  it('a -w watch prints the event when the znode changes', async () => {
    await client.create('/watched', 'one');
    const stdin = new ScriptedInput();
    let stdout = '';
    let onChange!: () => void;
    const changed = new Promise<void>((resolve) => (onChange = resolve));
    const run = runCommand(zookeeperShell, [server], {
      env,
      stdin,
      onOutput: (stream, text) => {
        if (stream !== 'stdout') return;
        stdout += text;
        if (stdout.includes('one\n') && !stdout.includes('NodeDataChanged')) void client.setData('/watched', 'two');
        if (stdout.includes('NodeDataChanged')) onChange();
      },
    });
    stdin.push('get -w /watched');
    await changed;
    stdin.end();
    await run;
    expect(stdout.endsWith(`one\n\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/watched\n`)).toBe(true);
  });

  it('history, redo and printwatches', async () => {
    const run = await interactive(['ls /brokers/ids', 'printwatches', 'redo 0', 'history']);
    expect(run.stdout.split(connected)[1]).toBe('[0, 1, 2]\nprintwatches is on\n[0, 1, 2]\n0 - ls /brokers/ids\n1 - printwatches\n2 - ls /brokers/ids\n3 - history\n');
  });

  it('close ends the session (Not connected), connect opens a new one', async () => {
    const run = await interactive(['ls /brokers', 'close', 'ls /brokers', `connect ${server}`, 'ls /brokers']);
    expect(run.exitCode).toBe(0);
    const closed = '\nWATCHER::\n\nWatchedEvent state:Closed type:None path:null\n';
    expect(run.stdout.split(connected).slice(1)).toEqual([`[ids, topics]\n${closed}Not connected\n`, '[ids, topics]\n']);
  });

  it('Ctrl-C ends it at once with status 130', async () => {
    const controller = new AbortController();
    const stdin = new ScriptedInput();
    let onConnected!: () => void;
    const seen = new Promise<void>((resolve) => (onConnected = resolve));
    const run = runCommand(zookeeperShell, [server], {
      env,
      stdin,
      signal: controller.signal,
      onOutput: (_stream, text) => text.includes('SyncConnected') && onConnected(),
    });
    await seen;
    controller.abort();
    const result = await run;
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toBe('');
  });
});

describe('zookeeper-shell without a server', () => {
  it('one-shot: the refused-connection WARN, ConnectionLoss for the path, status 1', async () => {
    const dead = await deadPort(transport);
    const run = await shell(`localhost:${dead}`, 'ls', '/brokers/ids');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe(`Connecting to localhost:${dead}\n`);
    expect(run.stderr).toBe(
      `[2024-11-11 02:46:50,786] WARN Session 0x0 for server localhost/127.0.0.1:${dead}, Closing socket connection. Attempting reconnect except it is a SessionExpiredException. (org.apache.zookeeper.ClientCnxn)\n` +
        'java.net.ConnectException: Connection refused\n' +
        '\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)\n' +
        '\tat java.base/sun.nio.ch.Net.pollConnectNow(Net.java:672)\n' +
        '\tat java.base/sun.nio.ch.SocketChannelImpl.finishConnect(SocketChannelImpl.java:946)\n' +
        '\tat org.apache.zookeeper.ClientCnxnSocketNIO.doTransport(ClientCnxnSocketNIO.java:344)\n' +
        '\tat org.apache.zookeeper.ClientCnxn$SendThread.run(ClientCnxn.java:1289)\n' +
        'KeeperErrorCode = ConnectionLoss for /brokers/ids\n' +
        exitLine(1),
    );
  });
});

describe('zookeeper-shell when its server stops', () => {
  it('prints the Disconnected event, then a command fails with ConnectionLoss after a refused attempt', async () => {
    const lonely = await ZooKeeperEnsemble.start({ transport, clientPorts: [0], tickTimeMs: 200 });
    try {
      const lonelyServer = `localhost:${lonely.status()[0].clientPort}`;
      const stdin = new ScriptedInput();
      let stdout = '';
      const waiters: Array<{ text: string; resolve: () => void }> = [];
      const seen = (text: string) => new Promise<void>((resolve) => (stdout.includes(text) ? resolve() : waiters.push({ text, resolve })));
      const run = runCommand(zookeeperShell, [lonelyServer], {
        env,
        stdin,
        onOutput: (stream, text) => {
          if (stream === 'stdout') stdout += text;
          for (const waiter of waiters.filter((w) => stdout.includes(w.text))) waiter.resolve();
        },
      });
      await seen('state:SyncConnected');
      await lonely.stopNode(1);
      await seen('state:Disconnected');
      stdin.push('ls /');
      stdin.end();
      const result = await run;
      expect(result.exitCode).toBe(1);
      expect(stdout.endsWith(`${connected}\nWATCHER::\n\nWatchedEvent state:Disconnected type:None path:null\n`)).toBe(true);
      expect(result.stderr).toMatch(/^\[2024-11-11 02:46:50,786\] WARN Session 0x[0-9a-f]+ for server localhost\/127\.0\.0\.1:\d+, Closing socket connection\./);
      expect(result.stderr.endsWith(`KeeperErrorCode = ConnectionLoss for /\n${exitLine(1)}`)).toBe(true);
    } finally {
      await lonely.close();
    }
  });
});
