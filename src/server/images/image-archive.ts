/**
 * Images to and from one file, for rooms without internet: `kafkalab images save FILE` on a machine that
 * has them, `kafkalab images load FILE` on the others. The file is the engine's own archive (`docker save`
 * of several images, GET /images/get?names=...), which Docker and podman both write and load: podman 4.3
 * wrote a multi-image docker-archive with every name in its manifest.json here, and loaded it back with
 * its names, so no per-image fallback is needed.
 */
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { imagePresent } from './image-presence.ts';
import { jsonLines, streamError } from './json-lines.ts';

/** Saving or loading an archive failed; the message names the file or images, the hint what to do. */
export class ImageArchiveError extends Error {
  readonly hint: string;

  constructor(message: string, hint: string) {
    super(message);
    this.name = 'ImageArchiveError';
    this.hint = hint;
  }
}

export interface ArchiveOptions {
  /** Bytes written (save) or sent (load) so far. */
  onBytes?: (bytes: number) => void;
}

/** Writes `names` into `file` (replaced only once the whole archive is in). Every name must be present. */
export async function saveImages(docker: Docker, names: string[], file: string, options: ArchiveOptions = {}): Promise<{ bytes: number }> {
  if (names.length === 0) throw new ImageArchiveError('no images to save', 'Name at least one image.');
  const missing: string[] = [];
  for (const name of names) if (!(await imagePresent(docker, name))) missing.push(name);
  if (missing.length > 0) {
    throw new ImageArchiveError(`cannot save ${missing.join(', ')}: not present in the engine`, 'Pull or build them first (`kafkalab images pull`, `kafkalab images build`), or leave them out (`--without akhq`, or name the images with `--image NAME`), then save again.');
  }
  const partial = `${file}.partial`;
  try {
    const archive = await (docker as unknown as MultiImageExport).getImages({ names });
    await pipeline(archive, counter(options.onBytes), createWriteStream(partial));
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new ImageArchiveError(`saving ${names.join(', ')} to ${file} failed: ${engineMessage(error)}`, 'Check that the directory exists and has room (the images take several hundred MB).');
  }
  return { bytes: statSync(file).size };
}

/** Loads an archive written by saveImages (or `docker save`); returns what the engine says it loaded. */
export async function loadImages(docker: Docker, file: string, options: ArchiveOptions = {}): Promise<{ loaded: string[] }> {
  if (!existsSync(file)) throw new ImageArchiveError(`no file ${file}`, 'Give the path of an archive written by `kafkalab images save FILE` (or `docker save`).');
  let response: NodeJS.ReadableStream;
  try {
    const body = createReadStream(file).pipe(counter(options.onBytes));
    response = (await docker.loadImage(body)) as NodeJS.ReadableStream;
  } catch (error) {
    throw new ImageArchiveError(`loading ${file} failed: ${engineMessage(error)}`, 'Is it an image archive? Write it with `kafkalab images save FILE` on a machine that has the images.');
  }
  const loaded: string[] = [];
  for await (const message of jsonLines(response)) {
    const failure = streamError(message);
    if (failure) throw new ImageArchiveError(`loading ${file} failed: ${failure}`, 'Is it an image archive? Write it with `kafkalab images save FILE` on a machine that has the images.');
    const line = typeof message.stream === 'string' ? message.stream.trim() : '';
    // Docker: one "Loaded image: name" per image; podman: "Loaded image: a,b".
    const match = /^Loaded image(?: ID)?: (.+)$/.exec(line);
    if (match) loaded.push(...match[1].split(',').map((name) => name.trim()).filter(Boolean));
  }
  return { loaded };
}

/** dockerode's GET /images/get?names=..., which @types/dockerode does not declare. */
interface MultiImageExport {
  getImages(options: { names: string[] }): Promise<NodeJS.ReadableStream>;
}

function counter(onBytes?: (bytes: number) => void): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      onBytes?.(bytes);
      callback(null, chunk);
    },
  });
}

function engineMessage(error: unknown): string {
  const json = (error as { json?: { message?: string } | string | null }).json;
  const message = typeof json === 'string' ? json : json?.message;
  return (message || (error instanceof Error ? error.message : String(error))).trim();
}
