/** A course image failed to build: which image, at which Dockerfile step, and the engine's message. */
export class ImageBuildError extends Error {
  readonly image: string;
  /** The step that failed as the engine printed it (`STEP 2/7: RUN apt-get update ...`), when known. */
  readonly step?: string;
  readonly hint: string;

  constructor(image: string, message: string, step?: string, hint?: string) {
    super(`building ${image} failed${step ? ` at ${step}` : ''}: ${message}`);
    this.name = 'ImageBuildError';
    this.image = image;
    this.step = step;
    this.hint =
      hint ??
      'The build pulls its base image (KAFKALAB_IMAGE_BASE, default debian:bookworm-slim; point it at a local Debian bookworm image if the registry is out of reach) and runs apt-get inside, which needs Debian\'s mirrors. Without internet, bring the images from a machine that has them: `kafkalab images save FILE` there, `kafkalab images load FILE` here.';
  }
}
