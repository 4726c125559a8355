/** `nc` against a real embedded ZooKeeper on loopback: four-letter words in, answers out; refusals; usage. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpTransport } from '../../../cluster/transport/tcp-transport.ts';
import { ZooKeeperEnsemble } from '../../../cluster/zookeeper/zookeeper-ensemble.ts';
import { runCommand, ScriptedInput } from '../../testing/run-command.ts';
import { deadPort } from '../../testing/dead-port.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { nc } from './nc.ts';

const transport = new TcpTransport();
const env = testToolEnvironment({ transport });
let ensemble: ZooKeeperEnsemble;
let port: number;
let closedPort: number;

beforeAll(async () => {
  ensemble = await ZooKeeperEnsemble.start({ transport, clientPorts: [0], tickTimeMs: 200 });
  port = ensemble.status()[0].clientPort;
  closedPort = await deadPort(transport);
});
afterAll(() => ensemble?.close());

describe('nc', () => {
  it('echo ruok | nc localhost <port> prints imok and ends when ZooKeeper closes', async () => {
    expect(await runCommand(nc, ['localhost', String(port)], { env, stdin: ['ruok'] })).toMatchObject({ exitCode: 0, stdout: 'imok', stderr: '' });
  });

  it("echo srvr | nc prints the member's srvr answer", async () => {
    const run = await runCommand(nc, ['localhost', String(port)], { env, stdin: ['srvr'] });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Zookeeper version: 3\.8\.0-.*\nLatency min\/avg\/max: .*\nReceived: \d+\nSent: \d+\nConnections: \d+\nOutstanding: 0\nZxid: 0x[0-9a-f]+\nMode: leader\nNode count: \d+\nProposal sizes last\/min\/max: -?\d+\/-?\d+\/-?\d+\n$/);
  });

  it('typed at the terminal: the line is sent when entered, the answer printed', async () => {
    const stdin = new ScriptedInput();
    const run = runCommand(nc, ['-v', '127.0.0.1', String(port)], { env, stdin });
    stdin.push('isro');
    expect(await run).toMatchObject({ exitCode: 0, stdout: 'rw', stderr: `Connection to 127.0.0.1 (127.0.0.1) ${port} port [tcp/*] succeeded!\n` });
  });

  it('-z only checks that the port listens', async () => {
    expect(await runCommand(nc, ['-zv', 'localhost', String(port)], { env })).toMatchObject({ exitCode: 0, stdout: '' });
    expect(await runCommand(nc, ['-z', 'localhost', String(closedPort)], { env })).toMatchObject({ exitCode: 1, stdout: '', stderr: '' });
  });

  it('a refused connection: status 1, silent unless -v', async () => {
    expect(await runCommand(nc, ['localhost', String(closedPort)], { env, stdin: ['ruok'] })).toMatchObject({ exitCode: 1, stdout: '', stderr: '' });
    expect(await runCommand(nc, ['-v', 'localhost', String(closedPort)], { env })).toMatchObject({
      exitCode: 1,
      stderr: `nc: connect to localhost port ${closedPort} (tcp) failed: Connection refused\n`,
    });
  });

  it('-q 0 quits at the end of input even when the peer stays open', async () => {
    // A ZooKeeper client connection that never sends a full request: the server keeps it open.
    const run = await runCommand(nc, ['-q', '0', 'localhost', String(port)], { env, stdin: [] });
    expect(run).toMatchObject({ exitCode: 0, stdout: '' });
  });

  it('Ctrl-C ends a waiting nc with 130', async () => {
    const controller = new AbortController();
    const stdin = new ScriptedInput();
    const run = runCommand(nc, ['localhost', String(port)], { env, stdin, signal: controller.signal });
    setImmediate(() => controller.abort());
    expect((await run).exitCode).toBe(130);
  });

  it('usage errors', async () => {
    const usage = 'usage: nc [-vz] [-q seconds] [-w timeout] destination port\n';
    expect(await runCommand(nc, [], { env })).toMatchObject({ exitCode: 1, stderr: usage });
    expect(await runCommand(nc, ['-x', 'localhost', '1'], { env })).toMatchObject({ exitCode: 1, stderr: `nc: invalid option -- 'x'\n${usage}` });
    expect(await runCommand(nc, ['localhost', 'zk'], { env })).toMatchObject({ exitCode: 1, stderr: 'nc: port number invalid: zk\n' });
  });
});
