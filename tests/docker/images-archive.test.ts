/**
 * `kafkalab images save` / `load` against a real engine: two throwaway images (a one-file root each, made
 * with the engine's import) are saved into one archive, removed, loaded back under their names.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ImageArchiveError, loadImages, saveImages } from '../../src/server/images/image-archive.ts';
import { imagePresent } from '../../src/server/images/image-presence.ts';
import { describeWithEngine, testDocker } from '../support/container-engine.ts';
import { jsonLines } from '../../src/server/images/json-lines.ts';

const repository = `localhost/kafkalab-test-archive-${process.pid}`;
const names = [`${repository}:a`, `${repository}:b`];
let dir: string;

describeWithEngine('image archives', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kafkalab-archive-'));
    const docker = testDocker();
    for (const name of names) {
      const root = mkdtempSync(join(dir, 'root-'));
      writeFileSync(join(root, 'hello.txt'), `this is ${name}\n`);
      const tar = join(dir, `${name.split(':')[1]}.tar`);
      expect(spawnSync('tar', ['-C', root, '-cf', tar, '.']).status).toBe(0);
      const [repo, tag] = name.split(':');
      // podman's import ignores `tag` (it always tags :latest): import under a unique repo, then tag.
      const scratch = `${repo}-import-${tag}`;
      const progress = (await docker.importImage(createReadStream(tar), { repo: scratch })) as NodeJS.ReadableStream;
      for await (const message of jsonLines(progress)) expect(message.error).toBeUndefined();
      await docker.getImage(scratch).tag({ repo, tag });
      await docker.getImage(scratch).remove();
      expect(await imagePresent(docker, name)).toBe(true);
    }
  });

  afterAll(async () => {
    const docker = testDocker();
    for (const name of names) await docker.getImage(name).remove({ force: true }).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves both images into one file, and loads them back after they were removed', async () => {
    const docker = testDocker();
    const file = join(dir, 'images.tar');
    const seen: number[] = [];
    const { bytes } = await saveImages(docker, names, file, { onBytes: (n) => seen.push(n) });
    expect(bytes).toBeGreaterThan(1024);
    expect(seen.at(-1)).toBe(bytes);
    expect(existsSync(`${file}.partial`)).toBe(false);
    // Both names are in the archive's manifest.
    const manifest = JSON.parse(spawnSync('tar', ['-xOf', file, 'manifest.json'], { encoding: 'utf8' }).stdout) as Array<{ RepoTags: string[] }>;
    expect(manifest.flatMap((m) => m.RepoTags).sort()).toEqual(names);

    for (const name of names) await docker.getImage(name).remove({ force: true });
    for (const name of names) expect(await imagePresent(docker, name)).toBe(false);

    const { loaded } = await loadImages(docker, file);
    expect(loaded.sort()).toEqual(names);
    for (const name of names) expect(await imagePresent(docker, name)).toBe(true);
  });

  it('refuses to save an image the engine does not have, naming it, and writes no file', async () => {
    const docker = testDocker();
    const file = join(dir, 'missing.tar');
    const error = await saveImages(docker, [names[0], `${repository}:absent`], file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageArchiveError);
    expect((error as Error).message).toBe(`cannot save ${repository}:absent: not present in the engine`);
    expect(existsSync(file)).toBe(false);
  });

  it('says clearly when the file is missing or is not an image archive', async () => {
    const docker = testDocker();
    await expect(loadImages(docker, join(dir, 'nope.tar'))).rejects.toThrow(`no file ${join(dir, 'nope.tar')}`);
    const junk = join(dir, 'junk.tar');
    writeFileSync(junk, 'not a tar at all\n'.repeat(100));
    const error = await loadImages(docker, junk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageArchiveError);
    expect((error as Error).message).toMatch(new RegExp(`^loading ${junk} failed: .+`));
  });
});
