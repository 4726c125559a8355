/**
 * What `kafkalab doctor` finds out: which engine answered (or every endpoint tried and why not), the
 * memory of this machine and of the engine, the images the compose stack needs and whether the engine
 * has them, the course's own images, and the runtime `kafkalab start` would use.
 */
import { freemem, totalmem } from 'node:os';
import type { RuntimeKind } from '../runtime/cluster-runtime.ts';
import { discoverEngine } from '../runtime/docker/engine/discover-engine.ts';
import type { TriedEndpoint } from '../runtime/docker/engine/docker-engine.ts';
import { chooseRuntime } from '../runtime/runtime-choice.ts';
import type { RuntimeChoice } from '../runtime/runtime-choice.ts';
import { COURSE_IMAGE_RECIPES, courseImageTags } from '../images/course-image-recipes.ts';
import { stackImages } from '../images/course-images.ts';
import type { StackImage } from '../images/course-images.ts';
import { imagePresent } from '../images/image-presence.ts';
import type Docker from 'dockerode';

export interface DoctorOptions {
  env?: NodeJS.ProcessEnv;
  without?: string[];
  forced?: RuntimeKind;
  composeFile?: string;
}

export interface DoctorImage extends StackImage {
  /** null: no engine to ask. */
  present: boolean | null;
  /** What to run when it is missing. */
  fix?: string;
}

export interface DoctorReport {
  engine: { name: string; version: string; apiVersion: string; endpoint: string; source: string } | null;
  tried: TriedEndpoint[];
  memory: {
    host: { freeBytes: number; totalBytes: number };
    engine: { totalBytes: number } | null;
  };
  /** The images docker-compose.yml needs with this environment; `error` when the file cannot be planned. */
  stack: { without: string[]; images: DoctorImage[]; error?: string };
  /**
   * kafkalab's own images (`kafkalab images build`), by the compose variable that selects each: the tag
   * this checkout and base image give, and other builds the engine has (older sources, another base), newest first.
   */
  courseImages: Array<{ variable: string; tag: string; present: boolean | null; otherBuilds: string[] }>;
  runtime: RuntimeChoice;
}

export async function doctorReport(options: DoctorOptions = {}): Promise<DoctorReport> {
  const env = options.env ?? process.env;
  const without = options.without ?? [];
  const { engine, tried } = await discoverEngine(env);
  const present = async (name: string) => (engine ? imagePresent(engine.docker, name).catch(() => null) : null);

  let images: DoctorImage[] = [];
  let error: string | undefined;
  try {
    images = await Promise.all(stackImages({ env, without, composeFile: options.composeFile }).map(async (image) => ({ ...image, present: await present(image.name) })));
  } catch (planError) {
    error = planError instanceof Error ? planError.message : String(planError);
  }
  const ownRepositories = COURSE_IMAGE_RECIPES.map((recipe) => `${recipe.repository}:`);
  for (const image of images) {
    if (image.present !== false) continue;
    image.fix = ownRepositories.some((prefix) => image.name.startsWith(prefix)) ? 'kafkalab images build' : 'kafkalab images pull (or kafkalab images load FILE offline)';
  }

  const tags = courseImageTags();
  const courseImages = await Promise.all(
    COURSE_IMAGE_RECIPES.map(async (recipe) => ({
      variable: recipe.composeVariable,
      tag: tags[recipe.id],
      present: await present(tags[recipe.id]),
      otherBuilds: engine ? (await builtImages(engine.docker, recipe.id)).filter((tag) => tag !== tags[recipe.id]) : [],
    })),
  );

  const runtime = chooseRuntime({
    forced: options.forced,
    engine,
    images: images.map((image) => ({ name: image.name, present: image.present === true })),
  });
  return {
    engine: engine ? { name: engine.name, version: engine.version, apiVersion: engine.apiVersion, endpoint: engine.endpoint, source: engine.source } : null,
    tried,
    memory: {
      host: { freeBytes: freemem(), totalBytes: totalmem() },
      engine: engine?.memTotalBytes ? { totalBytes: engine.memTotalBytes } : null,
    },
    stack: { without, images, ...(error ? { error } : {}) },
    courseImages,
    runtime: error && runtime.kind === 'docker' && !options.forced ? { kind: 'embedded', reason: `docker-compose.yml cannot be used: ${error}` } : runtime,
  };
}

/** Tags of the engine's builds of one course image (by its `dev.kafkalab.image` label), newest first; podman's `docker.io/` prefix dropped. */
async function builtImages(docker: Docker, id: string): Promise<string[]> {
  const images = await docker.listImages({ filters: { label: [`dev.kafkalab.image=${id}`] } }).catch(() => []);
  return images
    .sort((a, b) => b.Created - a.Created)
    .flatMap((image) => image.RepoTags ?? [])
    .map((tag) => tag.replace(/^docker\.io\//, ''));
}
