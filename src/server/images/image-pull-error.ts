/** What to do when an image cannot be pulled: most often there is no internet (a workshop room). */
export const OFFLINE_HINT =
  'No internet? On a machine that has the images run `kafkalab images save kafkalab-images.tar`, copy the file here, then `kafkalab images load kafkalab-images.tar`.';

/** A pull failed, whether the engine refused the request or reported the failure inside its progress stream. */
export class ImagePullError extends Error {
  readonly image: string;
  readonly hint: string;

  constructor(image: string, message: string, hint: string = OFFLINE_HINT) {
    super(`pulling ${image} failed: ${message}`);
    this.name = 'ImagePullError';
    this.image = image;
    this.hint = hint;
  }
}
