/**
 * `kafkalab images ...` as a learner runs it (the real CLI in a child process, output not a terminal)
 * against the test engine: list, a pull that cannot reach its registry, save and load of a throwaway image.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { imagePresent } from '../../src/server/images/image-presence.ts';
import { jsonLines } from '../../src/server/images/json-lines.ts';
import { describeWithEngine, testDocker } from '../support/container-engine.ts';
import { runKafkalab } from '../support/run-kafkalab.ts';

const engineEndpoint = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
const image = `localhost/kafkalab-test-images-cli-${process.pid}:1`;
let dir: string;

function kafkalabImages(args: string[], env: Record<string, string> = {}) {
  return runKafkalab(['images', ...args], { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, DOCKER_HOST: engineEndpoint, ...env });
}

describeWithEngine('kafkalab images', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kafkalab-images-cli-'));
    const docker = testDocker();
    const rootfs = mkdtempSync(join(dir, 'rootfs-'));
    writeFileSync(join(rootfs, 'hello.txt'), 'images cli test\n');
    const tar = join(dir, 'rootfs.tar');
    expect(spawnSync('tar', ['-C', rootfs, '-cf', tar, '.']).status).toBe(0);
    const scratch = `localhost/kafkalab-test-images-cli-${process.pid}-import`;
    for await (const message of jsonLines((await docker.importImage(createReadStream(tar), { repo: scratch })) as NodeJS.ReadableStream)) expect(message.error).toBeUndefined();
    await docker.getImage(scratch).tag({ repo: image.split(':')[0], tag: '1' });
    await docker.getImage(scratch).remove();
  });

  afterAll(async () => {
    await testDocker().getImage(image).remove({ force: true }).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('list: the stack’s images with the current env, present or missing', async () => {
    const missing = `localhost/kafkalab-test-images-cli-${process.pid}:absent`;
    const { code, stdout } = await kafkalabImages(['list', '--without', 'akhq'], { KAFKALAB_ZOOKEEPER_IMAGE: image, KAFKALAB_KAFKA_IMAGE: missing });
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(1, 3)).toEqual([`  present  ${image}  (zookeeper-1, zookeeper-2, zookeeper-3)`, `  missing  ${missing}  (kafka-1, kafka-2, kafka-3)`]);
  });

  it('pull: a registry out of reach fails naming the image, with the offline hint', async () => {
    const unreachable = `registry.invalid/kafkalab-test-${process.pid}:1`;
    const { code, stdout, stderr } = await kafkalabImages(['pull', unreachable]);
    expect(code).toBe(1);
    // Not a terminal: progress as whole lines, no \r.
    expect(stdout).toBe(`${unreachable} [..........] 0.0/0.0 MB 0/0 layers\n`);
    expect(stderr).toContain(`kafkalab: pulling ${unreachable} failed: `);
    expect(stderr).toContain('No internet? On a machine that has the images run `kafkalab images save kafkalab-images.tar`');
  });

  it('save then load: the image comes back after it was removed', async () => {
    const file = join(dir, 'saved.tar');
    const saved = await kafkalabImages(['save', file, '--image', image]);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain(`Saved `);
    expect(saved.stdout).toContain(`On the other machine: kafkalab images load ${file}`);
    expect(existsSync(file)).toBe(true);
    await testDocker().getImage(image).remove();
    expect(await imagePresent(testDocker(), image)).toBe(false);
    const loaded = await kafkalabImages(['load', file]);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toBe(`Loaded ${image}\n`);
    expect(await imagePresent(testDocker(), image)).toBe(true);
  });

  it('says what is wrong with a bad command or a missing file', async () => {
    const unknown = await kafkalabImages(['bogus']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('kafkalab: unknown images command "bogus"\n  Use one of: list, pull, build, save, load.\n');
    const noFile = await kafkalabImages(['load', join(dir, 'nope.tar')]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain(`kafkalab: no file ${join(dir, 'nope.tar')}`);
  });
});
