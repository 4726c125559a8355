/**
 * A pull that fails on a real engine: no registry is reachable here (and `.invalid` never resolves), so
 * the engine reports the failure (podman inside its progress stream after a 200, Docker as the request's
 * error); either way it is an ImagePullError that names the image and says what to do offline.
 */
import { expect, it } from 'vitest';
import { ImagePullError } from '../../src/server/images/image-pull-error.ts';
import { pullImage } from '../../src/server/images/image-pull.ts';
import type { PullProgressEvent } from '../../src/server/images/pull-progress.ts';
import { describeWithEngine, testDocker } from '../support/container-engine.ts';


describeWithEngine('pulling an unreachable image', () => {
  it('is an ImagePullError naming the image, with the engine’s reason and the offline hint', async () => {
    const image = `registry.invalid/kafkalab-test-${process.pid}:1`;
    const events: PullProgressEvent[] = [];
    const error = await pullImage(testDocker(), image, (event) => events.push(event)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImagePullError);
    const failure = error as ImagePullError;
    expect(failure.image).toBe(image);
    expect(failure.message).toMatch(new RegExp(`^pulling ${image.replace(/[.]/g, '\\.')} failed: .*registry\\.invalid`));
    expect(failure.hint).toBe(
      'No internet? On a machine that has the images run `kafkalab images save kafkalab-images.tar`, copy the file here, then `kafkalab images load kafkalab-images.tar`.',
    );
    expect(events.some((event) => event.done)).toBe(false);
  });
});
