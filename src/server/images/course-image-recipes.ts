/**
 * The images kafkalab builds itself (docker/images/*): a ZooKeeper image with Debian's ZooKeeper 3.8,
 * and the kafkalab node image that runs `kafkalab node`. Both read the variables of Confluent's images,
 * so docker-compose.yml runs with them unchanged (KAFKALAB_ZOOKEEPER_IMAGE, KAFKALAB_KAFKA_IMAGE).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeContext, zookeeperContext } from './build-context.ts';
import type { ContextFile } from './build-context.ts';
import { hashImageInputs } from './image-inputs-hash.ts';

/** The repository root (docker/images, src/, bin/ live there). */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Debian's slim image; KAFKALAB_IMAGE_BASE overrides it (an imported local base on a machine without a registry). */
export const DEFAULT_IMAGE_BASE = 'debian:bookworm-slim';

/** Label on every course image: the hash its tag is made from. */
export const INPUTS_LABEL = 'dev.kafkalab.inputs';

export type CourseImageId = 'zookeeper' | 'node';

export interface CourseImageRecipe {
  id: CourseImageId;
  repository: string;
  /** The compose variable that makes docker-compose.yml use this image. */
  composeVariable: string;
  context(root: string): ContextFile[];
  /** Inputs besides the context files and the base image. */
  inputs(): Record<string, string>;
}

export const COURSE_IMAGE_RECIPES: readonly CourseImageRecipe[] = [
  { id: 'zookeeper', repository: 'kafkalab/zookeeper', composeVariable: 'KAFKALAB_ZOOKEEPER_IMAGE', context: zookeeperContext, inputs: () => ({}) },
  { id: 'node', repository: 'kafkalab/node', composeVariable: 'KAFKALAB_KAFKA_IMAGE', context: (root) => nodeContext(root), inputs: () => ({ node: process.version }) },
];

/** The recipe an image name was built from (`kafkalab/node:…`, as engines may qualify it: `docker.io/kafkalab/node:…`), if any. */
export function courseImageRecipeOf(image: string): CourseImageRecipe | undefined {
  const name = image.replace(/^(docker\.io|localhost)\//, '');
  return COURSE_IMAGE_RECIPES.find((recipe) => name.startsWith(`${recipe.repository}:`));
}

export function imageBase(env: NodeJS.ProcessEnv = process.env): string {
  return env.KAFKALAB_IMAGE_BASE?.trim() || DEFAULT_IMAGE_BASE;
}

export interface CourseImagePlan {
  recipe: CourseImageRecipe;
  files: ContextFile[];
  base: string;
  /** sha256 of every input. */
  inputsHash: string;
  /** `kafkalab/zookeeper:<first 12 hex of the hash>`. */
  tag: string;
}

export function planCourseImage(recipe: CourseImageRecipe, options: { root?: string; base?: string } = {}): CourseImagePlan {
  const base = options.base ?? imageBase();
  const files = recipe.context(options.root ?? projectRoot);
  const inputsHash = hashImageInputs(files, { ...recipe.inputs(), base });
  return { recipe, files, base, inputsHash, tag: `${recipe.repository}:${inputsHash.slice(0, 12)}` };
}

/**
 * The tags `buildCourseImages` would give, without building: `{ zookeeper: 'kafkalab/zookeeper:…',
 * node: 'kafkalab/node:…' }` (hashing reads the Node binary, ~0.3 s).
 */
export function courseImageTags(options: { root?: string; base?: string } = {}): Record<CourseImageId, string> {
  const tags = {} as Record<CourseImageId, string>;
  for (const recipe of COURSE_IMAGE_RECIPES) tags[recipe.id] = planCourseImage(recipe, options).tag;
  return tags;
}

/** The compose variables that run docker-compose.yml on the course images: `{ KAFKALAB_ZOOKEEPER_IMAGE: 'kafkalab/zookeeper:…', ... }`. */
export function courseImageEnv(tags: Record<CourseImageId, string>): Record<string, string> {
  return Object.fromEntries(COURSE_IMAGE_RECIPES.map((recipe) => [recipe.composeVariable, tags[recipe.id]]));
}
