/**
 * Pulls an image with progress per layer. A failure may come as the request's error (Docker: 404 for an
 * unknown repository) or inside the progress stream after a 200 (podman always does this; Docker for
 * failures half-way); both become an ImagePullError naming the image, with what to do offline.
 */
import type Docker from 'dockerode';
import { ImagePullError } from './image-pull-error.ts';
import { jsonLines } from './json-lines.ts';
import { PullProgress } from './pull-progress.ts';
import type { PullProgressEvent } from './pull-progress.ts';

export { ImagePullError, OFFLINE_HINT } from './image-pull-error.ts';
export type { PullProgressEvent } from './pull-progress.ts';

/** Pulls `image`, calling `onProgress` with the totals over its layers as they change (the last one has `done: true`). */
export async function pullImage(docker: Docker, image: string, onProgress?: (event: PullProgressEvent) => void): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(image);
  } catch (error) {
    throw new ImagePullError(image, requestFailure(error));
  }
  await followPull(image, stream, onProgress);
}

/** Reads a pull's progress stream to its end, reporting progress; throws ImagePullError for an error in it. */
export async function followPull(image: string, stream: NodeJS.ReadableStream, onProgress: (event: PullProgressEvent) => void = () => {}): Promise<void> {
  const progress = new PullProgress(image);
  onProgress(progress.snapshot());
  try {
    for await (const message of jsonLines(stream)) {
      const event = progress.update(message);
      if (event) onProgress(event);
    }
  } catch (error) {
    throw new ImagePullError(image, error instanceof Error ? error.message : String(error));
  }
  onProgress(progress.finish());
}

/** dockerode's request error: its message repeats the status text; the engine's own message is in `json`. */
function requestFailure(error: unknown): string {
  const json = (error as { json?: { message?: string } | string | null }).json;
  const engineMessage = typeof json === 'string' ? json : json?.message;
  if (engineMessage) return engineMessage.trim();
  return error instanceof Error ? error.message : String(error);
}
