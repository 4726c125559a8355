/**
 * Builds the course's own images (course-image-recipes.ts) with the engine's build API, each tagged by
 * the hash of its inputs: a tag that exists already is that very build, so it is not built again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { writeContext } from './build-context.ts';
import { COURSE_IMAGE_RECIPES, INPUTS_LABEL, imageBase, planCourseImage } from './course-image-recipes.ts';
import type { CourseImageId, CourseImagePlan } from './course-image-recipes.ts';
import { ImageBuildError } from './image-build-error.ts';
import { imagePresent } from './image-presence.ts';
import { jsonLines, streamError } from './json-lines.ts';

export interface BuildOptions {
  /** The base image (BASE build arg); default KAFKALAB_IMAGE_BASE, else debian:bookworm-slim. */
  base?: string;
  /** The build's output, a line at a time. */
  onLog?: (line: string) => void;
  /** Repository root; default this checkout. */
  root?: string;
  /** Only these images; default both. */
  only?: CourseImageId[];
}

export interface BuiltImage {
  tag: string;
  /** False when the tag existed already (nothing was built). */
  built: boolean;
}

export async function buildCourseImages(docker: Docker, options: BuildOptions = {}): Promise<Record<CourseImageId, BuiltImage>> {
  const base = options.base ?? imageBase();
  const results = {} as Record<CourseImageId, BuiltImage>;
  for (const recipe of COURSE_IMAGE_RECIPES) {
    if (options.only && !options.only.includes(recipe.id)) continue;
    const plan = planCourseImage(recipe, { root: options.root, base });
    if (await imagePresent(docker, plan.tag)) {
      options.onLog?.(`${plan.tag} is up to date`);
      results[recipe.id] = { tag: plan.tag, built: false };
      continue;
    }
    if (recipe.id === 'node') await checkNodeBinaryRuns(docker, plan.tag);
    await buildOne(docker, plan, options.onLog ?? (() => {}));
    results[recipe.id] = { tag: plan.tag, built: true };
  }
  return results;
}

const ENGINE_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' };

/** The node image carries this machine's Node binary: it runs in the engine's containers only if both are Linux on one CPU architecture. */
async function checkNodeBinaryRuns(docker: Docker, tag: string): Promise<void> {
  const version = (await docker.version()) as { Os?: string; Arch?: string };
  const hostArch = ENGINE_ARCH[process.arch] ?? process.arch;
  if (process.platform !== 'linux' || (version.Os && version.Os !== 'linux') || (version.Arch && version.Arch !== hostArch)) {
    throw new ImageBuildError(
      tag,
      `the image carries this machine's Node binary (${process.platform}/${process.arch}), which cannot run in the engine's containers (${version.Os ?? '?'}/${version.Arch ?? '?'})`,
      undefined,
      'Build the images on a Linux machine of the same architecture and bring them here with `kafkalab images save FILE` / `kafkalab images load FILE`, or use the Confluent images (unset KAFKALAB_KAFKA_IMAGE).',
    );
  }
}

/** A step line as Docker (`Step 2/7 : RUN ...`) and podman/BuildKit (`STEP 2/7: RUN ...`) print it. */
const STEP_LINE = /^(?:Step|STEP) \d+\/\d+ ?:/;

async function buildOne(docker: Docker, plan: CourseImagePlan, onLog: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `kafkalab-build-${plan.recipe.id}-`));
  try {
    writeContext(plan.files, dir);
    onLog(`building ${plan.tag} FROM ${plan.base}`);
    let stream: NodeJS.ReadableStream;
    try {
      stream = await docker.buildImage(
        { context: dir, src: plan.files.map((file) => file.path) },
        {
          t: plan.tag,
          buildargs: { BASE: plan.base },
          labels: { [INPUTS_LABEL]: plan.inputsHash, 'dev.kafkalab.image': plan.recipe.id },
          rm: true,
          forcerm: true,
        },
      );
    } catch (error) {
      throw new ImageBuildError(plan.tag, error instanceof Error ? error.message : String(error));
    }
    let step: string | undefined;
    for await (const message of jsonLines(stream)) {
      const failure = streamError(message);
      if (failure) throw new ImageBuildError(plan.tag, failure.trim(), step);
      if (typeof message.stream !== 'string') continue;
      for (const raw of message.stream.split('\n')) {
        const line = raw.trimEnd();
        if (!line) continue;
        if (STEP_LINE.test(line)) step = line;
        onLog(line);
      }
    }
    if (!(await imagePresent(docker, plan.tag))) throw new ImageBuildError(plan.tag, 'the engine ended the build without an error, but the image does not exist', step);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
