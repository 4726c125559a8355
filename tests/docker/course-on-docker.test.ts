/**
 * The course as a learner with Docker meets it: `kafkalab start --runtime docker --without akhq` (a real
 * child process, the README's command) brings the compose stack up on the test engine with the course
 * images; the page's API reports the Docker runtime and its engine; the page's terminal (/api/terminal)
 * is a shell in a container where the lab's command runs as typed; the lab is graded against the
 * containers; a node action from the API stops a container; Ctrl-C on the server takes the stack down.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { courseImageEnv } from '../../src/server/images/course-image-recipes.ts';
import { buildCourseImages } from '../../src/server/images/image-build.ts';
import type { ClusterStatus } from '../../src/server/runtime/cluster-runtime.ts';
import { TerminalClient } from '../server/support/terminal-client.ts';
import { describeWithEngine, testDocker } from '../support/container-engine.ts';
import { waitUntil } from '../support/kafka-clients.ts';
import { startKafkalab, type RunningKafkalab } from '../support/start-kafkalab.ts';

describeWithEngine('the course on the Docker runtime: kafkalab start --runtime docker', () => {
  const docker = testDocker();
  let server: RunningKafkalab;

  async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  beforeAll(async () => {
    const images = await buildCourseImages(docker, { onLog: () => {} });
    // A stack an earlier run left would be reused as it is; start from nothing, as a learner's first start.
    for (const info of await docker.listContainers({ all: true, filters: JSON.stringify({ label: ['dev.kafkalab.managed=true'] }) })) await docker.getContainer(info.Id).remove({ force: true });
    server = await startKafkalab(['--port', '0', '--no-build', '--runtime', 'docker', '--without', 'akhq'], 120_000, {
      ...courseImageEnv({ zookeeper: images.zookeeper.tag, node: images.node.tag }),
    });
    await waitUntil('the Docker stack to be up', async () => (await api<ClusterStatus>('GET', '/api/cluster')).state === 'up', 300_000, () => server.output().slice(-2000));
  }, 600_000);

  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
    for (const info of await docker.listContainers({ all: true, filters: JSON.stringify({ label: ['dev.kafkalab.managed=true'] }) })) await docker.getContainer(info.Id).remove({ force: true });
    for (const volume of (await docker.listVolumes({ filters: JSON.stringify({ label: ['dev.kafkalab.managed=true'] }) })).Volumes) await docker.getVolume(volume.Name).remove();
  }, 120_000);

  it('the API reports the Docker runtime, its engine and what it can do', async () => {
    const status = await api<ClusterStatus>('GET', '/api/cluster');
    expect(status.runtime).toBe('docker');
    expect(status.engine?.name).toMatch(/Podman|Docker/);
    expect(status.capabilities.nodeActions).toEqual(['stop', 'start', 'kill']);
    expect(status.connections.bootstrapServers).toBe('127.0.0.1:19092,127.0.0.1:29092,127.0.0.1:39092');
    expect(status.nodes.map((node) => `${node.name}:${node.state}`)).toEqual(['zookeeper-1', 'zookeeper-2', 'zookeeper-3', 'kafka-1', 'kafka-2', 'kafka-3'].map((name) => `${name}:running`));
    expect(server.output()).toMatch(/docker/i);
  });

  it('the page’s terminal is a shell in a container: the seed lab’s command runs as typed, the lab grades it, and kafkalab stop/start drive the containers', async () => {
    const before = await api<{ steps?: Array<{ id: string; passed: boolean }> }>('POST', '/api/labs/seed-topic/check', {});
    expect(JSON.stringify(before)).not.toMatch(/"passed":true/);
    const port = Number(new URL(server.url).port);
    const terminal = await TerminalClient.attach(port, { cols: 120, rows: 30 });
    try {
      await terminal.waitForOutput(/\$ $|# $/, { timeoutMs: 30_000 });
      terminal.type('kafka-topics --bootstrap-server localhost:19092 --create --topic test --partitions 2 --replication-factor 3\r');
      await terminal.waitForOutput('Created topic test.', { timeoutMs: 60_000 });
      terminal.type('kafka-topics --bootstrap-server localhost:19092 --describe --topic test\r');
      await terminal.waitForOutput(/Topic: test\tTopicId: \S+\tPartitionCount: 2\tReplicationFactor: 3/, { timeoutMs: 60_000 });
      // The page's cluster controls from the container shell, through the server's API (as the labs' text says).
      terminal.type('kafkalab stop kafka-2\r');
      await terminal.waitForOutput('kafka-2 is stopped.', { timeoutMs: 60_000 });
      expect((await docker.getContainer('kafka-2').inspect()).State.Running).toBe(false);
      terminal.type('kafkalab isolate kafka-1; echo "exit=$?"\r');
      await terminal.waitForOutput(/kafkalab: The Docker runtime cannot isolate kafka-1[^\n]*\n[^]*exit=1/, { timeoutMs: 30_000 });
      terminal.type('kafkalab start kafka-2\r');
      await terminal.waitForOutput('kafka-2 is running.', { timeoutMs: 120_000 });
    } finally {
      terminal.socket.close();
    }
    const after = await api<{ steps: Array<{ id: string; passed: boolean }> }>('POST', '/api/labs/seed-topic/check', {});
    expect(JSON.stringify(after)).toMatch(/"id":"create-topic"[^}]*"passed":true|"passed":true[^}]*"id":"create-topic"/);
  }, 180_000);

  it('a node action from the page stops the container, and isolate is refused with a reason', async () => {
    const status = await api<ClusterStatus>('POST', '/api/cluster/nodes/kafka-3/stop', {});
    expect(status.nodes.find((node) => node.name === 'kafka-3')?.state).toBe('stopped');
    expect((await docker.getContainer('kafka-3').inspect()).State.Running).toBe(false);
    const refused = await fetch(`${server.url}/api/cluster/nodes/kafka-2/isolate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: expect.objectContaining({ message: expect.stringMatching(/Docker runtime cannot isolate kafka-2/) }) });
    await api('POST', '/api/cluster/nodes/kafka-3/start', {});
  }, 120_000);

  it('Ctrl-C on the server takes the stack down (containers gone, volumes kept)', async () => {
    await server[Symbol.asyncDispose]();
    await waitUntil(
      'the stack’s containers to be gone',
      async () => (await docker.listContainers({ all: true, filters: JSON.stringify({ label: ['dev.kafkalab.managed=true'] }) })).length === 0,
      30_000,
    );
    expect((await docker.listVolumes({ filters: JSON.stringify({ label: ['com.docker.compose.project=kafkalab'] }) })).Volumes.length).toBeGreaterThan(0);
  }, 60_000);
});
