/**
 * The runtime switch with the real Docker runtime (the repo's docker-compose.yml on the course images,
 * on the test engine): a running embedded cluster (free ports) is taken down and the Docker stack comes
 * up in its place, serving through the published ports; node actions go to the containers; back to the
 * embedded cluster, the stack's containers are gone and its volumes kept (as `docker compose down`).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { courseImageEnv } from '../../src/server/images/course-image-recipes.ts';
import { buildCourseImages } from '../../src/server/images/image-build.ts';
import type { ClusterEvent } from '../../src/server/runtime/cluster-runtime.ts';
import { DockerRuntime } from '../../src/server/runtime/docker/docker-runtime.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { RuntimeSwitch } from '../../src/server/runtime/runtime-switch.ts';
import { describeWithEngine, testDocker } from '../support/container-engine.ts';
import { identifyEngine } from '../../src/server/runtime/docker/engine/engine-identity.ts';

const composeFile = join(import.meta.dirname, '..', '..', 'docker-compose.yml');
const PROJECT = { label: 'com.docker.compose.project=kafkalab' };

describeWithEngine('the runtime switch with the real Docker runtime', () => {
  const docker = testDocker();
  let runtimeSwitch: RuntimeSwitch;
  let embedded: EmbeddedRuntime;
  let dockerRuntime: DockerRuntime | undefined;
  const events: ClusterEvent[] = [];

  beforeAll(async () => {
    const images = await buildCourseImages(docker, { onLog: () => {} });
    const engine = identifyEngine(await docker.version());
    const env = { ...process.env, ...courseImageEnv({ zookeeper: images.zookeeper.tag, node: images.node.tag }) };
    embedded = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    runtimeSwitch = new RuntimeSwitch({
      current: embedded,
      factories: {
        embedded: () => new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] }),
        docker: async () => (dockerRuntime = new DockerRuntime({ docker, engine, composeFile, env, without: ['akhq'] })),
      },
      engine,
    });
    runtimeSwitch.onEvent((event) => events.push(event));
    await runtimeSwitch.up();
  }, 600_000);
  afterAll(async () => {
    await runtimeSwitch?.[Symbol.asyncDispose]();
    await dockerRuntime?.down({ volumes: true });
  }, 180_000);

  it('takes the embedded cluster down and brings the Docker stack up, then back', { timeout: 420_000 }, async () => {
    events.length = 0;
    const onDocker = await runtimeSwitch.switchTo('docker');
    expect(onDocker).toMatchObject({ runtime: 'docker', state: 'up' });
    expect((await embedded.status()).state).toBe('down');
    expect(onDocker.nodes.filter((node) => node.kind === 'zookeeper').map((node) => node.mode).sort()).toEqual(['follower', 'follower', 'leader']);
    expect(onDocker.nodes.filter((node) => node.kind === 'kafka').every((node) => node.state === 'running')).toBe(true);
    expect(onDocker.connections.bootstrapServers).toBe('127.0.0.1:19092,127.0.0.1:29092,127.0.0.1:39092');
    const states = events.flatMap((event) => (event.type === 'cluster-state' ? [event.state] : []));
    expect(states.slice(0, 2)).toEqual(['stopping', 'down']);
    expect(states.at(-1)).toBe('up');

    // Node actions go to the containers now; isolate is not one of them.
    const stopped = await runtimeSwitch.nodeAction('kafka-2', 'stop');
    expect(stopped.nodes.find((node) => node.name === 'kafka-2')?.state).toBe('stopped');
    const container = await docker.getContainer('kafka-2').inspect();
    expect(container.State.Running).toBe(false);
    await expect(runtimeSwitch.nodeAction('kafka-1', 'isolate')).rejects.toMatchObject({ status: 409 });

    const back = await runtimeSwitch.switchTo('embedded');
    expect(back).toMatchObject({ runtime: 'embedded', state: 'up' });
    expect(back.nodes.every((node) => node.state === 'running')).toBe(true);
    expect(await docker.listContainers({ all: true, filters: { label: [PROJECT.label] } })).toEqual([]);
    const { Volumes } = await docker.listVolumes({ filters: { label: [PROJECT.label] } });
    expect((Volumes ?? []).length).toBeGreaterThan(0);
  });
});
