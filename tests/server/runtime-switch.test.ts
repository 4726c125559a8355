/**
 * RuntimeSwitch over two real clusters on free ports: the embedded runtime and the FAKE Docker runtime
 * (an embedded cluster that reports itself as `docker`, see support/fake-docker-runtime.ts). A switch
 * takes one down and brings the other up, listeners keep their subscription, and a switch is refused
 * while an action runs or when the runtime is not available.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterEvent, ClusterRuntime } from '../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { RuntimeSwitch } from '../../src/server/runtime/runtime-switch.ts';
import { FakeDockerRuntime, type FakeDockerRuntimeOptions } from './support/fake-docker-runtime.ts';

const freePorts = () => new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });

describe('RuntimeSwitch', () => {
  const disposables: AsyncDisposable[] = [];
  afterEach(async () => {
    for (const disposable of disposables.splice(0)) await disposable[Symbol.asyncDispose]();
  });

  /** A switch that starts on the embedded runtime; `docker` makes the fake (or is left out: no engine). */
  const makeSwitch = (docker?: FakeDockerRuntimeOptions | null, reasons?: { docker?: string; embedded?: string }) => {
    const embedded = freePorts();
    const logged: string[] = [];
    const made: FakeDockerRuntime[] = [];
    const runtimeSwitch = new RuntimeSwitch({
      current: embedded,
      factories: {
        embedded: () => freePorts(),
        ...(docker === null || docker === undefined
          ? {}
          : {
              docker: async () => {
                const fake = new FakeDockerRuntime(docker);
                made.push(fake);
                return fake;
              },
            }),
      },
      reasons,
      engine: docker ? { name: 'Podman', version: '4.3.1' } : undefined,
      log: (line) => logged.push(line),
    });
    disposables.push(runtimeSwitch);
    const events: ClusterEvent[] = [];
    runtimeSwitch.onEvent((event) => events.push(event));
    return { runtimeSwitch, embedded, made, events, logged };
  };

  const states = (events: ClusterEvent[]) => events.flatMap((event) => (event.type === 'cluster-state' ? [event.state] : []));

  it('forwards to the embedded runtime it starts with, and lists Docker as unavailable without an engine', async () => {
    const { runtimeSwitch, embedded, events } = makeSwitch(null, { docker: 'no container engine answered (tried unix:///var/run/docker.sock)' });
    expect(runtimeSwitch.kind).toBe('embedded');
    const status = await runtimeSwitch.up();
    expect(status.state).toBe('up');
    expect((await embedded.status()).state).toBe('up');
    expect(states(events)).toEqual(['starting', 'up']);
    expect(runtimeSwitch.view()).toEqual({
      current: 'embedded',
      available: [
        { kind: 'embedded', available: true, reason: 'available' },
        { kind: 'docker', available: false, reason: 'no container engine answered (tried unix:///var/run/docker.sock)' },
      ],
    });
    const refused = runtimeSwitch.switchTo('docker');
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'invalid_state', message: expect.stringContaining('no container engine answered'), hint: expect.stringContaining('kafkalab doctor') });
    // Nothing moved: the embedded cluster still runs.
    expect((await runtimeSwitch.status()).state).toBe('up');
    expect(runtimeSwitch.kind).toBe('embedded');
  }, 30_000);

  it('switches a running cluster to Docker and back: down one, up the other, events to the same listener', async () => {
    const { runtimeSwitch, embedded, made, events, logged } = makeSwitch({ engine: { name: 'Podman', version: '4.3.1' }, pull: { image: 'confluentinc/cp-kafka:7.9.0', totalBytes: 4_000_000, steps: 4 } });
    await runtimeSwitch.up();
    events.length = 0;

    const onDocker = await runtimeSwitch.switchTo('docker');
    expect(runtimeSwitch.kind).toBe('docker');
    expect(onDocker).toMatchObject({ runtime: 'docker', state: 'up', engine: { name: 'Podman', version: '4.3.1' } });
    expect(onDocker.capabilities.nodeActions).not.toContain('isolate');
    expect((await embedded.status()).state).toBe('down');
    expect(made).toHaveLength(1);
    expect((await made[0].cluster.status()).state).toBe('up');
    // Embedded down, the Docker runtime announced (down), its images pulled, then up.
    expect(states(events)).toEqual(['stopping', 'down', 'down', 'starting', 'up']);
    const pulls = events.flatMap((event) => (event.type === 'image-pull' ? [event.currentBytes] : []));
    expect(pulls).toEqual([1_000_000, 2_000_000, 3_000_000, 4_000_000]);
    const announced = events.findIndex((event, index) => index > 1 && event.type === 'cluster-state');
    expect(announced).toBeLessThan(events.findIndex((event) => event.type === 'image-pull'));
    expect(runtimeSwitch.view().current).toBe('docker');
    expect(logged).toEqual(['Switching from the embedded cluster to the Docker runtime (down one, up the other)...', 'Now on the Docker runtime: the cluster is up.']);

    // Node actions go to the Docker runtime now.
    const stopped = await runtimeSwitch.nodeAction('kafka-2', 'stop');
    expect(stopped.runtime).toBe('docker');
    expect((await made[0].cluster.status()).nodes.find((node) => node.name === 'kafka-2')?.state).toBe('stopped');

    events.length = 0;
    const back = await runtimeSwitch.switchTo('embedded');
    expect(back).toMatchObject({ runtime: 'embedded', state: 'up' });
    expect(runtimeSwitch.kind).toBe('embedded');
    expect((await made[0].cluster.status()).state).toBe('down');
    // The same embedded runtime as before (kept, not made again), with all six nodes running.
    expect((await embedded.status()).state).toBe('up');
    expect(back.nodes.every((node) => node.state === 'running')).toBe(true);
    expect(states(events)).toEqual(['stopping', 'down', 'down', 'starting', 'up']);
    // The second switch to Docker makes no new runtime.
    await runtimeSwitch.switchTo('docker');
    expect(made).toHaveLength(1);
  }, 60_000);

  it('switches a cluster that is down without bringing anything up, and says so with one event', async () => {
    const { runtimeSwitch, made, events } = makeSwitch({});
    const status = await runtimeSwitch.switchTo('docker');
    expect(status).toMatchObject({ runtime: 'docker', state: 'down' });
    expect((await made[0].cluster.status()).state).toBe('down');
    expect(events).toEqual([{ type: 'cluster-state', state: 'down' }]);
    // Switching to the runtime already running is not an error.
    await expect(runtimeSwitch.switchTo('docker')).resolves.toMatchObject({ runtime: 'docker' });
    expect(events).toHaveLength(1);
  }, 30_000);

  it('refuses a switch while a cluster action or another switch runs', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { runtimeSwitch, events } = makeSwitch({ pull: { image: 'confluentinc/cp-zookeeper:7.9.0', totalBytes: 100, steps: 2, between: () => held } });

    const up = runtimeSwitch.up();
    await expect(runtimeSwitch.switchTo('docker')).rejects.toMatchObject({ status: 409, message: 'Cannot switch to the Docker runtime while a cluster action is running.', hint: expect.stringContaining('Wait') });
    await up;

    const switching = runtimeSwitch.switchTo('docker');
    // Held half-way through the pull: a second switch is refused, an action waits for the switch.
    await expect.poll(() => events.some((event) => event.type === 'image-pull')).toBe(true);
    await expect(runtimeSwitch.switchTo('embedded')).rejects.toMatchObject({ status: 409, message: expect.stringContaining('another runtime switch') });
    let stopped = false;
    const stop = runtimeSwitch.nodeAction('kafka-1', 'stop').then((status) => {
      stopped = true;
      return status;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await switching;
    const afterStop = await stop;
    expect(afterStop.runtime).toBe('docker');
    expect(afterStop.nodes.find((node) => node.name === 'kafka-1')?.state).toBe('stopped');
  }, 60_000);

  it('brings the old runtime back when the new one cannot come up, and passes its error on', async () => {
    const { runtimeSwitch, embedded, events, logged } = makeSwitch({
      pull: { image: 'confluentinc/cp-kafka:7.9.0', totalBytes: 1000, steps: 3, fail: { message: 'registry-1.docker.io: no such host', hint: 'Offline? Load the images from a file: kafkalab images load FILE.' } },
    });
    await runtimeSwitch.up();
    await expect(runtimeSwitch.switchTo('docker')).rejects.toMatchObject({ status: 409, message: expect.stringContaining('no such host'), hint: expect.stringContaining('kafkalab images load') });
    expect(runtimeSwitch.kind).toBe('embedded');
    expect((await runtimeSwitch.status()).state).toBe('up');
    expect((await embedded.status()).state).toBe('up');
    expect(events.some((event) => event.type === 'image-pull-failed' && event.image === 'confluentinc/cp-kafka:7.9.0')).toBe(true);
    expect(logged.at(-1)).toBe('Could not switch to the Docker runtime: Could not pull confluentinc/cp-kafka:7.9.0: registry-1.docker.io: no such host. Back on the embedded cluster.');
  }, 60_000);

  it('carries the broker ids a lab asked for over to a runtime that can run them', async () => {
    const { runtimeSwitch } = makeSwitch({ brokerIds: true });
    await runtimeSwitch.configure({ brokerIds: [101, 102, 103] });
    await runtimeSwitch.up();
    const onDocker = await runtimeSwitch.switchTo('docker');
    expect(onDocker.nodes.filter((node) => node.kind === 'kafka').map((node) => node.id)).toEqual([101, 102, 103]);
  }, 60_000);

  it('opens terminals on the runtime that runs the cluster now', async () => {
    const { runtimeSwitch, made } = makeSwitch({});
    const first = await runtimeSwitch.openTerminal({ cols: 80, rows: 24 });
    await runtimeSwitch.switchTo('docker');
    const second = await runtimeSwitch.openTerminal({ cols: 80, rows: 24 });
    expect(made[0].terminalsOpened).toBe(1);
    await first.close();
    await second.close();
  }, 30_000);

  it('disposes every runtime it made', async () => {
    const { runtimeSwitch, embedded, made } = makeSwitch({});
    await runtimeSwitch.up();
    await runtimeSwitch.switchTo('docker');
    const runtimes: ClusterRuntime[] = [embedded, made[0]];
    disposables.splice(disposables.indexOf(runtimeSwitch), 1);
    await runtimeSwitch[Symbol.asyncDispose]();
    for (const runtime of runtimes) expect((await runtime.status()).state).toBe('down');
  }, 60_000);
});
