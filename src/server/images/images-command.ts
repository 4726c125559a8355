/**
 * `kafkalab images list|pull|build|save FILE|load FILE`: the images the Docker runtime needs, on the
 * engine kafkalab finds (kafkalab doctor shows which).
 */
import { parseArgs } from 'node:util';
import { ApiError } from '../http-error.ts';
import { discoverEngine } from '../runtime/docker/engine/discover-engine.ts';
import type { DockerEngine } from '../runtime/docker/engine/docker-engine.ts';
import { COURSE_IMAGE_RECIPES, courseImageEnv, imageBase } from './course-image-recipes.ts';
import { stackImageStatus } from './course-images.ts';
import { formatBytes } from './format-bytes.ts';
import { ImageArchiveError, loadImages, saveImages } from './image-archive.ts';
import { buildCourseImages } from './image-build.ts';
import { ImageBuildError } from './image-build-error.ts';
import { ImagePullError, pullImage } from './image-pull.ts';
import { PullProgressPrinter } from './pull-progress-bar.ts';

const usage = `Usage: kafkalab images list|pull|build|save FILE|load FILE [--without SERVICE]...
  list          the images docker-compose.yml needs with this environment, present or missing
  pull          pulls the missing ones, with a progress bar
  build         builds kafkalab's own images (Debian's ZooKeeper, the kafkalab node) and prints the
                variables that make docker-compose.yml use them; --base IMAGE (or KAFKALAB_IMAGE_BASE)
                sets the base image, default debian:bookworm-slim
  save FILE     writes the images docker-compose.yml needs into FILE (--image NAME to choose them)
  load FILE     loads a FILE written by save (a workshop room without internet)
  --without akhq leaves a service out, as kafkalab start --without does.`;

interface Args {
  positionals: string[];
  without: string[];
  images: string[];
  base?: string;
}

type Subcommand = (engine: DockerEngine, args: Args) => Promise<void>;

const SUBCOMMANDS: Record<string, Subcommand> = { list, pull, build, save, load };

export async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      without: { type: 'string', multiple: true, default: [] },
      image: { type: 'string', multiple: true, default: [] },
      base: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [name, ...rest] = positionals;
  if (values.help || name === undefined || name === 'help') {
    console.log(usage);
    return;
  }
  const subcommand = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!subcommand) throw new ApiError('bad_request', 400, `unknown images command "${name}"`, `Use one of: ${Object.keys(SUBCOMMANDS).join(', ')}.`);
  const engine = await requireEngine();
  const without = values.without.flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter(Boolean);
  try {
    await subcommand(engine, { positionals: rest, without, images: values.image, base: values.base });
  } catch (error) {
    if (error instanceof ImagePullError || error instanceof ImageBuildError || error instanceof ImageArchiveError) throw new ApiError('engine_error', 502, error.message, error.hint);
    throw error;
  }
}

async function requireEngine(): Promise<DockerEngine> {
  const { engine, tried } = await discoverEngine();
  if (engine) return engine;
  const reasons = tried.map((t) => `${t.source} ${t.endpoint}: ${t.error}`).join('; ');
  throw new ApiError('engine_error', 503, `no Docker-compatible engine answered (${reasons})`, 'Start Docker or podman, or set DOCKER_HOST to its socket; `kafkalab doctor` shows what was tried.');
}

async function list(engine: DockerEngine, args: Args): Promise<void> {
  console.log(`${engine.name} ${engine.version} at ${engine.endpoint}`);
  for (const image of await stackImageStatus(engine.docker, { without: args.without })) {
    console.log(`  ${image.present ? 'present' : 'missing'}  ${image.name}  (${image.services.join(', ')})`);
  }
}

async function pull(engine: DockerEngine, args: Args): Promise<void> {
  const wanted = args.positionals.length > 0 ? args.positionals.map((name) => ({ name, present: false })) : await stackImageStatus(engine.docker, { without: args.without });
  const missing = wanted.filter((image) => !image.present);
  if (missing.length === 0) {
    console.log('Every image docker-compose.yml needs is present.');
    return;
  }
  for (const image of missing) {
    const printer = new PullProgressPrinter(process.stdout);
    try {
      await pullImage(engine.docker, image.name, (event) => printer.update(event));
    } catch (error) {
      printer.abort();
      throw error;
    }
  }
}

async function build(engine: DockerEngine, args: Args): Promise<void> {
  const base = args.base ?? imageBase();
  console.log(`Building kafkalab's images with ${engine.name} ${engine.version} FROM ${base} (the first build takes a few minutes)`);
  const built = await buildCourseImages(engine.docker, { base, onLog: (line) => console.log(`  ${line}`) });
  const tags = Object.fromEntries(COURSE_IMAGE_RECIPES.map((recipe) => [recipe.id, built[recipe.id].tag])) as Record<(typeof COURSE_IMAGE_RECIPES)[number]['id'], string>;
  console.log('\nTo run docker-compose.yml on them:');
  for (const [variable, tag] of Object.entries(courseImageEnv(tags))) console.log(`  export ${variable}=${tag}`);
}

async function save(engine: DockerEngine, args: Args): Promise<void> {
  const [file] = args.positionals;
  if (!file) throw new ApiError('bad_request', 400, 'which file? kafkalab images save FILE', 'e.g. kafkalab images save kafkalab-images.tar');
  const names = args.images.length > 0 ? args.images : (await stackImageStatus(engine.docker, { without: args.without })).map((image) => image.name);
  console.log(`Saving ${names.join(', ')} to ${file}`);
  let shown = 0;
  const { bytes } = await saveImages(engine.docker, names, file, {
    onBytes: (n) => {
      if (n - shown >= 100e6) {
        shown = n;
        console.log(`  ${formatBytes(n)} written`);
      }
    },
  });
  console.log(`Saved ${formatBytes(bytes)} to ${file}. On the other machine: kafkalab images load ${file}`);
}

async function load(engine: DockerEngine, args: Args): Promise<void> {
  const [file] = args.positionals;
  if (!file) throw new ApiError('bad_request', 400, 'which file? kafkalab images load FILE', 'e.g. kafkalab images load kafkalab-images.tar');
  const { loaded } = await loadImages(engine.docker, file);
  console.log(loaded.length > 0 ? `Loaded ${loaded.join(', ')}` : `Loaded ${file}`);
}
