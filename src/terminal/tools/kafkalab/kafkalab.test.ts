/**
 * `kafkalab` in the lab shell against the server's real embedded runtime (in-memory transport): the status
 * table, node actions and their refusals, up and down, help, usage errors, and a shell without a cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../../cluster/transport/memory-transport.ts';
import { EmbeddedRuntime } from '../../../server/runtime/embedded-runtime.ts';
import { runCommand } from '../../testing/run-command.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { kafkalab, kafkalabHelp } from './kafkalab.ts';

let runtime: EmbeddedRuntime;
const env = () => testToolEnvironment({ cluster: runtime });
const run = (...args: string[]) => runCommand(kafkalab, args, { env: env() });

beforeAll(async () => {
  runtime = new EmbeddedRuntime({ transport: new MemoryTransport(), zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0], brokerConfig: { offsetsTopicNumPartitions: 3 } });
  await runtime.up();
}, 60_000);
afterAll(async () => {
  await runtime?.down();
});

describe('kafkalab status', () => {
  it('prints a row per node, then the cluster state and the connection strings', async () => {
    const status = await runtime.status();
    const result = await run('status');
    expect(result.exitCode).toBe(0);
    const [table, summary] = result.stdout.split('\n\n');
    const rows = table.split('\n').map((row) => row.split(/ {2,}/));
    expect(rows[0]).toEqual(['NAME', 'KIND', 'ID', 'STATE', 'ROLE', 'ADDRESS']);
    expect(rows.slice(1)).toEqual(
      status.nodes.map((node) => [
        node.name,
        node.kind,
        String(node.id),
        'running',
        node.kind === 'zookeeper' ? node.mode : node.controller ? 'controller' : 'broker',
        `${node.host}:${node.port}`,
      ]),
    );
    expect(rows.slice(1).map((row) => row[0])).toEqual(['zookeeper-1', 'zookeeper-2', 'zookeeper-3', 'kafka-1', 'kafka-2', 'kafka-3']);
    expect(rows.filter((row) => row[4] === 'leader')).toHaveLength(1);
    expect(rows.filter((row) => row[4] === 'controller')).toHaveLength(1);
    // Columns line up: every row has its ADDRESS where the header has it.
    const column = table.split('\n')[0].indexOf('ADDRESS');
    for (const line of table.split('\n')) expect(line[column - 1]).toBe(' ');
    expect(summary).toBe(`Cluster: up\nBootstrap servers: ${status.connections.bootstrapServers}\nZooKeeper connect: ${status.connections.zookeeper}\n`);
  });
});

describe('kafkalab node actions', () => {
  it('stop, a refused second stop, start', async () => {
    expect(await run('stop', 'kafka-2')).toMatchObject({ exitCode: 0, stdout: 'kafka-2 is stopped.\n', stderr: '' });
    expect((await runtime.status()).nodes.find((node) => node.name === 'kafka-2')?.state).toBe('stopped');
    expect((await run('status')).stdout).toMatch(/\nkafka-2 +kafka +2 +stopped +- +\S+\n/);
    expect(await run('stop', 'kafka-2')).toMatchObject({ exitCode: 1, stdout: '', stderr: 'kafkalab: Cannot stop kafka-2: it is already stopped.\n' });
    expect(await run('start', 'kafka-2')).toMatchObject({ exitCode: 0, stdout: 'kafka-2 is running.\n' });
  });

  it('isolate and heal a ZooKeeper member; healing a connected one is refused', async () => {
    expect(await run('isolate', 'zookeeper-3')).toMatchObject({ exitCode: 0, stdout: 'zookeeper-3 is isolated.\n' });
    expect(await run('heal', 'zookeeper-3')).toMatchObject({ exitCode: 0, stdout: 'zookeeper-3 is running.\n' });
    expect(await run('heal', 'zookeeper-3')).toMatchObject({ exitCode: 1, stderr: 'kafkalab: Cannot heal zookeeper-3: it is not isolated (it is running).\n' });
  });

  it('an unknown node is named with the known ones', async () => {
    expect(await run('kill', 'kafka-9')).toMatchObject({
      exitCode: 1,
      stderr: 'kafkalab: there is no node called "kafka-9"; the nodes are zookeeper-1, zookeeper-2, zookeeper-3, kafka-1, kafka-2, kafka-3\n',
    });
  });

  it('down and up', async () => {
    expect(await run('down')).toMatchObject({ exitCode: 0, stdout: 'Taking the cluster down...\nThe cluster is down.\n' });
    expect((await run('status')).stdout).toMatch(/\nkafka-1 +kafka +1 +stopped +- +/);
    expect(await run('stop', 'kafka-1')).toMatchObject({ exitCode: 1, stderr: 'kafkalab: Cannot stop kafka-1: the cluster is down.\n' });
    expect(await run('up')).toMatchObject({ exitCode: 0, stdout: 'Bringing the cluster up...\nThe cluster is up.\n' });
  }, 60_000);
});

describe('kafkalab help and usage', () => {
  it('help lists every subcommand', async () => {
    const result = await run('help');
    expect(result.exitCode).toBe(0);
    for (const word of ['status', 'start <node>', 'stop <node>', 'kill <node>', 'isolate <node>', 'heal <node>', 'up', 'down', 'help']) {
      expect(result.stdout).toMatch(new RegExp(`\\n  ${word} +\\S`));
    }
    expect((await run()).stdout).toBe(result.stdout);
  });

  it('usage errors exit 2', async () => {
    expect(await run('reboot')).toMatchObject({ exitCode: 2, stderr: 'kafkalab: unknown command "reboot"\nSee: kafkalab help\n' });
    expect(await run('stop')).toMatchObject({ exitCode: 2, stderr: 'kafkalab: stop needs a node name, as in: kafkalab stop kafka-2\nSee: kafkalab help\n' });
    expect(await run('status', 'kafka-1')).toMatchObject({ exitCode: 2 });
  });

  it('without a cluster (the tools on a learner machine) it says where the controls are', async () => {
    expect(await runCommand(kafkalab, ['status'], { env: testToolEnvironment() })).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: "kafkalab: the cluster controls exist only in the course's terminal (on a lab page); this shell has no cluster to drive\n",
    });
  });
});

describe('kafkalab help layout', () => {
  it('fits an 80-column terminal', () => {
    for (const line of kafkalabHelp().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});
