/**
 * The images the compose stack needs with the current environment (KAFKALAB_ZOOKEEPER_IMAGE and friends,
 * `--without akhq`), read from docker-compose.yml the way the Docker runtime reads it, and whether the
 * engine has each.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { planCompose } from '../runtime/docker/compose/compose-plan.ts';
import { composeInterpolationEnv } from '../runtime/docker/compose/env-file-io.ts';
import { projectRoot } from './course-image-recipes.ts';
import { imagePresent } from './image-presence.ts';

export interface StackImageOptions {
  /** Default: the repository's docker-compose.yml. */
  composeFile?: string;
  /** Default: process.env. */
  env?: Record<string, string | undefined>;
  without?: string[];
  profiles?: string[];
}

export interface StackImage {
  name: string;
  /** The services that run it, in start order. */
  services: string[];
}

export interface StackImageStatus extends StackImage {
  present: boolean;
}

export const defaultComposeFile = () => join(projectRoot, 'docker-compose.yml');

/** Each image the kept services run, once (the three ZooKeeper services share one). */
export function stackImages(options: StackImageOptions = {}): StackImage[] {
  const configFile = options.composeFile ?? defaultComposeFile();
  const env = composeInterpolationEnv(configFile, options.env ?? process.env);
  const plan = planCompose(readFileSync(configFile, 'utf8'), { env, configFile, without: options.without, profiles: options.profiles });
  const byName = new Map<string, StackImage>();
  for (const service of plan.services) {
    const image = byName.get(service.image) ?? { name: service.image, services: [] };
    image.services.push(service.service);
    byName.set(service.image, image);
  }
  return [...byName.values()];
}

export async function stackImageStatus(docker: Docker, options: StackImageOptions = {}): Promise<StackImageStatus[]> {
  const images = stackImages(options);
  return Promise.all(images.map(async (image) => ({ ...image, present: await imagePresent(docker, image.name) })));
}
