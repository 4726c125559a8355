/**
 * The course's own images built on a real engine: both build (minutes the first time: apt inside), a
 * second call builds nothing (the tags are the hashes of their inputs), a ZooKeeper container from the
 * image serves `srvr` as a standalone server, the node image runs `kafkalab node`, and a failing
 * Dockerfile step is reported with the image and the step. KAFKALAB_IMAGE_BASE names the base image
 * where Debian's cannot be pulled (.ci/run imports one).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, expect, it } from 'vitest';
import { COURSE_IMAGE_RECIPES, INPUTS_LABEL, courseImageTags, imageBase, projectRoot } from '../../src/server/images/course-image-recipes.ts';
import { buildCourseImages } from '../../src/server/images/image-build.ts';
import { ImageBuildError } from '../../src/server/images/image-build-error.ts';
import { describeWithEngine, testDocker } from '../support/container-engine.ts';

const TEST_LABEL = 'dev.kafkalab.test';
const testName = `kafkalab-test-images-${process.pid}`;
const containers: Docker.Container[] = [];

afterAll(async () => {
  for (const container of containers) await container.remove({ force: true }).catch(() => {});
});

/** Sends a four-letter word to host:port and resolves with everything the server wrote before closing. */
function fourLetterWord(port: number, word: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(word));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(2000, () => socket.destroy(new Error('no answer in 2 s')));
  });
}

async function srvrUntilServing(port: number, deadlineMs: number): Promise<string> {
  const deadline = Date.now() + deadlineMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await fourLetterWord(port, 'srvr').catch((error: Error) => error.message);
    if (/Mode: /.test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`ZooKeeper on 127.0.0.1:${port} did not serve within ${deadlineMs} ms; last answer: ${last}`);
}

/** The repository paths the course images are built from, copied into a temp dir (removed after the file). */
function snapshotInputs(): string {
  const root = mkdtempSync(join(tmpdir(), 'kafkalab-image-inputs-'));
  snapshots.push(root);
  for (const path of ['package.json', 'docker/images', 'bin', 'src/cluster', 'src/server/node', 'src/terminal', 'src/server/tools-cli', 'src/server/terminal', 'node_modules/kafkajs', 'node_modules/snappyjs', 'node_modules/fzstd']) {
    if (existsSync(join(projectRoot, path))) cpSync(join(projectRoot, path), join(root, path), { recursive: true });
  }
  return root;
}
const snapshots: string[] = [];
afterAll(() => {
  for (const root of snapshots) rmSync(root, { recursive: true, force: true });
});

describeWithEngine('course images', () => {
  let tags: Record<string, string>;

  it('builds both images with content-addressed tags, and a second call builds nothing', { timeout: 20 * 60_000 }, async () => {
    const docker = testDocker();
    const log: string[] = [];
    // A copy of the images' inputs: the working tree may change while the build runs (and change the tags).
    const root = snapshotInputs();
    const first = await buildCourseImages(docker, { root, onLog: (line) => log.push(line) });
    const expected = courseImageTags({ root });
    expect(first.zookeeper.tag).toBe(expected.zookeeper);
    expect(first.node.tag).toBe(expected.node);
    expect(first.zookeeper.tag).toMatch(/^kafkalab\/zookeeper:[0-9a-f]{12}$/);
    expect(first.node.tag).toMatch(/^kafkalab\/node:[0-9a-f]{12}$/);
    if (first.node.built) expect(log.some((line) => /^(Step|STEP) \d+\/\d+ ?:/.test(line))).toBe(true);

    const second = await buildCourseImages(docker, { root, onLog: (line) => log.push(line) });
    expect(second).toEqual({ zookeeper: { tag: first.zookeeper.tag, built: false }, node: { tag: first.node.tag, built: false } });
    for (const { tag } of Object.values(second)) {
      const inspect = await docker.getImage(tag).inspect();
      const hash = inspect.Config.Labels?.[INPUTS_LABEL] ?? '';
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(tag.endsWith(`:${hash.slice(0, 12)}`)).toBe(true);
    }
    tags = { zookeeper: second.zookeeper.tag, node: second.node.tag };
  });

  it('a container from the ZooKeeper image answers srvr as a standalone server', { timeout: 120_000 }, async () => {
    const docker = testDocker();
    const container = await docker.createContainer({
      name: `${testName}-zookeeper`,
      Image: tags.zookeeper,
      Labels: { [TEST_LABEL]: 'images-build' },
      Env: ['ZOOKEEPER_CLIENT_PORT=2181', 'KAFKA_OPTS=-Dzookeeper.4lw.commands.whitelist=*'],
      ExposedPorts: { '2181/tcp': {} },
      HostConfig: { PortBindings: { '2181/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    });
    containers.push(container);
    await container.start();
    const published = (await container.inspect()).NetworkSettings.Ports['2181/tcp']?.[0]?.HostPort;
    expect(Number(published)).toBeGreaterThan(0);
    const answer = await srvrUntilServing(Number(published), 60_000);
    expect(answer).toMatch(/^Zookeeper version: 3\.8\./m);
    expect(answer).toMatch(/^Mode: standalone$/m);
  });

  it('the node image runs `kafkalab node` with the image’s own Node', { timeout: 120_000 }, async () => {
    const docker = testDocker();
    const container = await docker.createContainer({
      name: `${testName}-node`,
      Image: tags.node,
      Labels: { [TEST_LABEL]: 'images-build' },
      Cmd: ['kafkalab', 'node', '--help'],
    });
    containers.push(container);
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = (await container.logs({ stdout: true, stderr: true })).toString('utf8');
    expect(logs).toMatch(/Usage: kafkalab node \[zookeeper\|broker\]/);
    expect(StatusCode).toBe(0);
  });

  it('reports a failing Dockerfile step with the image and the step', { timeout: 300_000 }, async () => {
    const docker = testDocker();
    // A project whose ZooKeeper Dockerfile fails on its second step.
    const root = mkdtempSync(join(tmpdir(), 'kafkalab-failing-build-'));
    try {
      mkdirSync(join(root, 'docker', 'images', 'zookeeper'), { recursive: true });
      writeFileSync(join(root, 'docker', 'images', 'zookeeper', 'Dockerfile'), `ARG BASE\nFROM \${BASE}\nRUN echo ${testName} && exit 3\n`);
      const error = await buildCourseImages(docker, { root, only: ['zookeeper'] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageBuildError);
      const failure = error as ImageBuildError;
      expect(failure.image).toMatch(/^kafkalab\/zookeeper:[0-9a-f]{12}$/);
      expect(failure.step).toMatch(/RUN echo kafkalab-test-images-\d+ && exit 3/);
      expect(failure.message).toMatch(/^building kafkalab\/zookeeper:[0-9a-f]{12} failed at .*RUN echo .* exit 3: .*/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

it('computes the tags without an engine, from the inputs (another base: another tag)', () => {
  const tags = courseImageTags();
  expect(Object.keys(tags).sort()).toEqual(COURSE_IMAGE_RECIPES.map((r) => r.id).sort());
  expect(courseImageTags({ base: `${imageBase()}-other` }).zookeeper).not.toBe(tags.zookeeper);
  expect(courseImageTags()).toEqual(tags);
});
