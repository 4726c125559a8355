/**
 * `kafkalab doctor` as a learner runs it: the real CLI in a child process, against the test engine
 * (podman's API in CI) and against a DOCKER_HOST nobody listens on.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/server/doctor/doctor-report.ts';
import { jsonLines } from '../../src/server/images/json-lines.ts';
import { describeWithEngine, testDocker } from '../support/container-engine.ts';
import { runKafkalab } from '../support/run-kafkalab.ts';

const engineEndpoint = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kafkalab-doctor-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `kafkalab doctor ARGS` with only the variables given (and PATH), as a fresh shell would. */
function doctor(args: string[], env: Record<string, string>) {
  return runKafkalab(['doctor', ...args], { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_RUNTIME_DIR: join(dir, 'run'), ...env });
}

describe('without an engine', () => {
  it('says no engine answered, lists each endpoint tried and why, and chooses the embedded runtime', async () => {
    const dead = join(dir, 'dead.sock');
    const text = await doctor([], { DOCKER_HOST: `unix://${dead}` });
    const json = await doctor(['--json'], { DOCKER_HOST: `unix://${dead}` });
    expect(text.code).toBe(0);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as DoctorReport;
    expect(report.tried[0]).toEqual({ endpoint: `unix://${dead}`, source: 'DOCKER_HOST', error: `no socket at ${dead}` });
    expect(text.stdout).toMatch(new RegExp(`^ {4}DOCKER_HOST +unix://${dead.replace(/[.]/g, '\\.')}: no socket at `, 'm'));
    expect(report.memory.host.totalBytes).toBeGreaterThan(0);
    expect(text.stdout).toMatch(/this machine: \d+\.\d GB free of \d+\.\d GB/);
    expect(report.stack.images.map((image) => image.name)).toContain('tchiotludo/akhq:0.25.1');
    if (report.engine === null) {
      // Nothing at a well-known socket either (this machine, CI).
      expect(text.stdout).toContain('no engine answered. Tried:');
      expect(report.runtime).toEqual({ kind: 'embedded', reason: 'no Docker-compatible engine answered' });
      expect(text.stdout).toContain('kafkalab start will use: embedded (no Docker-compatible engine answered)');
      expect(report.stack.images.every((image) => image.present === null)).toBe(true);
    } else {
      // A machine with Docker at a default socket: discovery went on past the dead DOCKER_HOST.
      expect(report.engine.source).not.toBe('DOCKER_HOST');
    }
  });

  it('refuses an unknown --runtime with the choices', async () => {
    const { code, stderr } = await doctor(['--runtime', 'vm'], { DOCKER_HOST: `unix://${join(dir, 'dead.sock')}` });
    expect(code).toBe(1);
    expect(stderr).toContain('unknown runtime "vm"');
    expect(stderr).toContain('Use --runtime embedded or --runtime docker.');
  });
});

describeWithEngine('with the test engine on DOCKER_HOST', () => {
  const image = `localhost/kafkalab-test-doctor-${process.pid}:1`;

  beforeAll(async () => {
    // A throwaway image (one file) that stands in for every service's image.
    const docker = testDocker();
    const rootfs = mkdtempSync(join(dir, 'rootfs-'));
    writeFileSync(join(rootfs, 'hello.txt'), 'doctor test\n');
    const tar = join(dir, 'rootfs.tar');
    expect(spawnSync('tar', ['-C', rootfs, '-cf', tar, '.']).status).toBe(0);
    const scratch = `localhost/kafkalab-test-doctor-${process.pid}-import`;
    for await (const message of jsonLines((await docker.importImage(createReadStream(tar), { repo: scratch })) as NodeJS.ReadableStream)) expect(message.error).toBeUndefined();
    await docker.getImage(scratch).tag({ repo: image.split(':')[0], tag: '1' });
    await docker.getImage(scratch).remove();
  });

  afterAll(async () => {
    await testDocker().getImage(image).remove({ force: true }).catch(() => {});
  });

  it('names the engine, its version, API version, endpoint and how it was found', async () => {
    const { code, stdout } = await doctor([], { DOCKER_HOST: engineEndpoint });
    expect(code).toBe(0);
    const report = JSON.parse((await doctor(['--json'], { DOCKER_HOST: engineEndpoint })).stdout) as DoctorReport;
    expect(report.engine).toMatchObject({ endpoint: engineEndpoint, source: 'DOCKER_HOST' });
    expect(report.engine?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(stdout).toContain(`${report.engine?.name} ${report.engine?.version} (Docker API ${report.engine?.apiVersion}) at ${engineEndpoint} (found via DOCKER_HOST)`);
    if (engineEndpoint.includes('podman')) {
      expect(report.engine?.name).toBe('Podman');
      expect(stdout).toMatch(/^ {2}Podman \d+\.\d+\.\d+ /m);
    }
    expect(report.memory.engine?.totalBytes).toBeGreaterThan(0);
    expect(report.courseImages.map((image) => image.variable)).toEqual(['KAFKALAB_ZOOKEEPER_IMAGE', 'KAFKALAB_KAFKA_IMAGE']);
    expect(report.courseImages[0].tag).toMatch(/^kafkalab\/zookeeper:[0-9a-f]{12}$/);
    for (const image of report.courseImages) {
      expect(typeof image.present).toBe('boolean');
      expect(image.otherBuilds).not.toContain(image.tag);
      for (const other of image.otherBuilds) expect(other).toMatch(/^kafkalab\/(zookeeper|node):[0-9a-f]{12}$/);
    }
  });

  it('reports missing images with how to get them, and chooses embedded for them', async () => {
    const missing = `localhost/kafkalab-test-doctor-${process.pid}:absent`;
    const report = JSON.parse((await doctor(['--json', '--without', 'akhq'], { DOCKER_HOST: engineEndpoint, KAFKALAB_ZOOKEEPER_IMAGE: image, KAFKALAB_KAFKA_IMAGE: missing })).stdout) as DoctorReport;
    expect(report.stack.without).toEqual(['akhq']);
    expect(report.stack.images).toEqual([
      { name: image, services: ['zookeeper-1', 'zookeeper-2', 'zookeeper-3'], present: true },
      { name: missing, services: ['kafka-1', 'kafka-2', 'kafka-3'], present: false, fix: 'kafkalab images pull (or kafkalab images load FILE offline)' },
    ]);
    expect(report.runtime.kind).toBe('embedded');
    expect(report.runtime.reason).toContain(`${missing} is missing: run \`kafkalab images pull\``);
  });

  it('chooses docker when every image is present (and follows --runtime embedded)', async () => {
    const env = { DOCKER_HOST: engineEndpoint, KAFKALAB_ZOOKEEPER_IMAGE: image, KAFKALAB_KAFKA_IMAGE: image };
    const { stdout } = await doctor(['--without', 'akhq'], env);
    // One image for every service: one line.
    expect(stdout).toMatch(new RegExp(`present {2}${image.replace(/[.]/g, '\\.')} +zookeeper-1, zookeeper-2, zookeeper-3, kafka-1, kafka-2, kafka-3\n`));
    expect(stdout).toMatch(/kafkalab start will use: docker \(.+ answered and every image the stack needs is present\)/);
    const forced = JSON.parse((await doctor(['--json', '--without', 'akhq', '--runtime', 'embedded'], env)).stdout) as DoctorReport;
    expect(forced.runtime).toEqual({ kind: 'embedded', reason: 'forced with --runtime embedded' });
  });
});
