/**
 * The Docker runtime against a real Docker-compatible engine (podman's API in CI), with the repo's own
 * docker-compose.yml on the course's local images (Debian's ZooKeeper 3.8, and kafkalab brokers): the
 * compose topology comes up, real clients on the host use it through the published ports, a stopped
 * broker's partitions move, the terminal is a real TTY exec, logs stream across a restart, and `down`
 * leaves nothing of ours behind.
 */
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCourseImages } from '../../src/server/images/image-build.ts';
import { courseImageEnv } from '../../src/server/images/course-image-recipes.ts';
import type { ClusterEvent, ClusterStatus } from '../../src/server/runtime/cluster-runtime.ts';
import { DockerRuntime } from '../../src/server/runtime/docker/docker-runtime.ts';
import { describeWithEngine, testDocker } from '../support/container-engine.ts';
import { runKcat, waitUntil } from '../support/kafka-clients.ts';
import { identifyEngine } from '../../src/server/runtime/docker/engine/engine-identity.ts';

const composeFile = join(import.meta.dirname, '..', '..', 'docker-compose.yml');
const PROJECT = { label: ['com.docker.compose.project=kafkalab'] };

/** The command lines of the `sleep 987654` / `sleep 876543` processes in the terminal's container. */
async function sleepsRunning(): Promise<string[]> {
  const { execInContainer } = await import('../../src/server/runtime/docker/container-exec.ts');
  const result = await execInContainer(testDocker().getContainer('kafkalab-shell'), ['/bin/sh', '-c', 'cat /proc/[0-9]*/cmdline 2>/dev/null | tr "\\0" " "; echo'], 10_000);
  return result.output.match(/sleep (987654|876543)/g) ?? [];
}

describeWithEngine('the Docker runtime on a real engine, with the course images', () => {
  const docker = testDocker();
  let runtime: DockerRuntime;
  const events: ClusterEvent[] = [];
  let upStatus: ClusterStatus;

  beforeAll(async () => {
    const images = await buildCourseImages(docker, { onLog: () => {} });
    const engine = identifyEngine(await docker.version());
    runtime = new DockerRuntime({
      docker,
      engine,
      composeFile,
      env: { ...process.env, ...courseImageEnv({ zookeeper: images.zookeeper.tag, node: images.node.tag }) },
      // AKHQ's image cannot be pulled here (no registry): the stack runs without it, as `--without akhq`.
      without: ['akhq'],
    });
    // A stack left by an earlier run that crashed would hold the names and ports.
    await runtime.down({ volumes: true });
    runtime.onEvent((event) => events.push(event));
    upStatus = await runtime.up();
  }, 600_000);

  afterAll(async () => {
    await runtime?.down({ volumes: true });
  }, 120_000);

  it('brings up the compose topology: 3 ZooKeeper containers with one leader, 3 brokers registered, Compose’s labels', async () => {
    expect(upStatus.runtime).toBe('docker');
    expect(upStatus.state).toBe('up');
    expect(upStatus.engine?.name).toMatch(/Podman|Docker/);
    const zookeepers = upStatus.nodes.filter((node) => node.kind === 'zookeeper');
    expect(zookeepers.map((node) => [node.name, node.id, node.port, node.state])).toEqual([
      ['zookeeper-1', 1, 12181, 'running'],
      ['zookeeper-2', 2, 22181, 'running'],
      ['zookeeper-3', 3, 32181, 'running'],
    ]);
    expect(zookeepers.filter((node) => node.mode === 'leader')).toHaveLength(1);
    expect(zookeepers.filter((node) => node.mode === 'follower')).toHaveLength(2);
    const brokers = upStatus.nodes.filter((node) => node.kind === 'kafka');
    expect(brokers.map((node) => [node.name, node.id, node.port, node.state, node.registered])).toEqual([
      ['kafka-1', 1, 19092, 'running', true],
      ['kafka-2', 2, 29092, 'running', true],
      ['kafka-3', 3, 39092, 'running', true],
    ]);
    expect(brokers.filter((node) => node.controller)).toHaveLength(1);
    expect(upStatus.kafka?.controllerId).toBe(brokers.find((node) => node.controller)?.id);
    expect(events).toContainEqual({ type: 'cluster-state', state: 'up' });

    // What `docker compose -p kafkalab ps` lists: the project's containers, by Compose's labels.
    const containers = await docker.listContainers({ filters: JSON.stringify(PROJECT) });
    const services = containers.filter((info) => info.Labels['com.docker.compose.oneoff'] === 'False').map((info) => info.Labels['com.docker.compose.service']);
    expect(services.sort()).toEqual(['kafka-1', 'kafka-2', 'kafka-3', 'zookeeper-1', 'zookeeper-2', 'zookeeper-3']);
    for (const info of containers) expect(info.Labels['com.docker.compose.project.config_files']).toBe(composeFile);
    const networks = await docker.listNetworks({ filters: JSON.stringify(PROJECT) });
    expect(networks.map((network) => network.Name)).toEqual(['kafkalab_default']);
    const { Volumes } = await docker.listVolumes({ filters: JSON.stringify(PROJECT) });
    expect(Volumes.map((volume) => volume.Name).sort()).toContain('kafkalab_kafka-1-data');
  });

  it('kcat and kafkajs on the host produce and consume through localhost:19092,29092,39092', async () => {
    const bootstrap = 'localhost:19092,localhost:29092,localhost:39092';
    const kafka = new Kafka({ clientId: 'docker-runtime-test', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'docker-test', numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'docker-test', acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `from-kafkajs-${i}` })) });
    await producer.disconnect();
    const produced = await runKcat(['-b', bootstrap, '-P', '-t', 'docker-test', '-X', 'acks=all'], 30_000, 'from-kcat-1\nfrom-kcat-2\n');
    expect(produced.code).toBe(0);

    const consumed = await runKcat(['-b', bootstrap, '-C', '-t', 'docker-test', '-o', 'beginning', '-e', '-q', '-f', '%s\n'], 30_000);
    expect(consumed.code).toBe(0);
    const values = consumed.stdout.trim().split('\n').sort();
    expect(values).toHaveLength(32);
    expect(values).toContain('from-kcat-2');
    expect(values).toContain('from-kafkajs-29');

    const seen: string[] = [];
    const consumer = kafka.consumer({ groupId: 'docker-test-group' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'docker-test', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
    await waitUntil('kafkajs to read all 32 records', () => seen.length >= 32, 60_000, () => seen.length);
    await consumer.disconnect();
    expect(seen.sort()).toEqual(values);
  }, 120_000);

  it('stop kafka-2: status shows it stopped and unregistered, and its partitions led elsewhere', async () => {
    const before = await runtime.status();
    const led = before.kafka!.topics.find((topic) => topic.name === 'docker-test')!.partitions.filter((partition) => partition.leader === 2);
    expect(led.length).toBeGreaterThan(0);
    const status = await runtime.nodeAction('kafka-2', 'stop');
    expect(status.nodes.find((node) => node.name === 'kafka-2')).toMatchObject({ state: 'stopped' });
    await waitUntil(
      'kafka-2 to leave /brokers/ids and its partitions to get new leaders',
      async () => {
        const now = await runtime.status();
        const partitions = now.kafka?.topics.find((topic) => topic.name === 'docker-test')?.partitions ?? [];
        return now.nodes.find((node) => node.name === 'kafka-2')?.registered === false && partitions.length === 3 && partitions.every((partition) => partition.leader !== 2 && partition.leader >= 0);
      },
      60_000,
    );
    expect(events).toContainEqual({ type: 'node-state', node: 'kafka-2', state: 'stopped' });
    await expect(runtime.nodeAction('kafka-2', 'isolate')).rejects.toThrow(/cannot isolate kafka-2/);
    const started = await runtime.nodeAction('kafka-2', 'start');
    expect(started.nodes.find((node) => node.name === 'kafka-2')).toMatchObject({ state: 'running', registered: true });
  }, 180_000);

  it('the terminal is a TTY exec into a container: a command runs, a resize takes effect, exit ends it', async () => {
    const terminal = await runtime.openTerminal({ cols: 100, rows: 30 });
    let output = '';
    terminal.onOutput((data) => (output += data));
    const exited = new Promise<number>((resolve) => terminal.onExit(resolve));
    const waitFor = (pattern: RegExp, what: string) => waitUntil(what, () => pattern.test(output), 60_000, () => output.slice(-500));
    terminal.input('stty size\r');
    await waitFor(/[\r\n]30 100\r\n/, 'stty to report 30 rows and 100 columns');
    terminal.resize({ cols: 132, rows: 40 });
    terminal.input('stty size\r');
    await waitFor(/[\r\n]40 132\r\n/, 'stty to report the new size, 40 rows and 132 columns');
    terminal.input('kafka-topics --bootstrap-server localhost:19092 --list\r');
    await waitFor(/[\r\n]docker-test\r\n/, 'kafka-topics to list docker-test');
    terminal.input('exit 7\r');
    expect(await exited).toBe(7);
  }, 120_000);

  it('closing a terminal ends its shell and what runs in it; a second terminal does not end the first', async () => {
    const first = await runtime.openTerminal({ cols: 80, rows: 24 });
    let firstOutput = '';
    first.onOutput((data) => (firstOutput += data));
    first.input('sleep 987654 & sleep 876543\r');
    await waitUntil('the sleeps to run', async () => (await sleepsRunning()).length === 2, 30_000, () => firstOutput);
    const second = await runtime.openTerminal({ cols: 80, rows: 24 });
    let secondOutput = '';
    second.onOutput((data) => (secondOutput += data));
    second.input('echo second-$((6*7))\r');
    await waitUntil('the second shell to answer', () => secondOutput.includes('second-42'), 30_000, () => secondOutput);
    expect(await sleepsRunning()).toHaveLength(2);
    await first.close();
    expect(await sleepsRunning()).toEqual([]);
    second.input('echo still-$((6*7))\r');
    await waitUntil('the second shell to live on', () => secondOutput.includes('still-42'), 30_000, () => secondOutput);
    await second.close();
  }, 120_000);

  it('logs stream, and keep streaming after the container restarts', async () => {
    const lines: string[] = [];
    const controller = new AbortController();
    const following = runtime.followLogs('kafka-3', (line) => lines.push(line), { signal: controller.signal, tail: 20 });
    await waitUntil('kafka-3’s log lines', () => lines.length > 0, 30_000);
    const before = lines.length;
    await runtime.nodeAction('kafka-3', 'stop');
    await runtime.nodeAction('kafka-3', 'start');
    await waitUntil('log lines from the restarted kafka-3', () => lines.length > before + 2, 60_000, () => lines.slice(before));
    controller.abort();
    await following;
  }, 180_000);

  it('down removes every container, network and volume with our labels (volumes only when asked)', async () => {
    await runtime.down();
    expect(await docker.listContainers({ all: true, filters: JSON.stringify(PROJECT) })).toEqual([]);
    expect(await docker.listNetworks({ filters: JSON.stringify(PROJECT) })).toEqual([]);
    expect((await docker.listVolumes({ filters: JSON.stringify(PROJECT) })).Volumes.length).toBe(9);
    const status = await runtime.down({ volumes: true });
    expect(status.state).toBe('down');
    expect((await docker.listVolumes({ filters: JSON.stringify(PROJECT) })).Volumes).toEqual([]);
    expect(events).toContainEqual({ type: 'cluster-state', state: 'down' });
  }, 120_000);
});
