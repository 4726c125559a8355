/**
 * Follows an engine's pull progress stream and sums it over the layers. Docker sends, per layer id,
 * `Pulling fs layer`, `Waiting`, `Downloading` (progressDetail current/total), `Verifying Checksum`,
 * `Download complete`, `Extracting`, `Pull complete`, or `Already exists`; podman's compat API sends
 * `Pulling fs layer`, `Downloading`, `Download complete` or `Already exists` per blob, and ends with a
 * `Download complete` for the image id. Bytes are download bytes; a layer counts as done once its
 * download is complete (Docker's extraction is not shown). Lines without an id (`Pulling from`,
 * `Digest:`, `Status:`) are not layers.
 */
import { streamError } from './json-lines.ts';

export interface PullProgressEvent {
  image: string;
  /** Bytes downloaded, over every layer that reported a size so far. */
  currentBytes: number;
  totalBytes: number;
  layers: number;
  layersDone: number;
  done: boolean;
}

interface LayerState {
  current: number;
  total: number;
  done: boolean;
}

/** Statuses that introduce a layer, and whether its download is complete with them. */
const LAYER_STATUSES: Record<string, 'started' | 'progress' | 'complete'> = {
  'Pulling fs layer': 'started',
  Waiting: 'started',
  Downloading: 'progress',
  'Verifying Checksum': 'complete',
  'Download complete': 'complete',
  Extracting: 'complete',
  'Pull complete': 'complete',
  'Already exists': 'complete',
};

export class PullProgress {
  readonly image: string;
  readonly #layers = new Map<string, LayerState>();
  #done = false;

  constructor(image: string) {
    this.image = image;
  }

  /**
   * Takes one message of the stream. Returns the new totals when the message changed them, and throws
   * the engine's message (as an Error) when the message is an error.
   */
  update(message: Record<string, unknown>): PullProgressEvent | undefined {
    const failure = streamError(message);
    if (failure) throw new Error(failure);
    const status = typeof message.status === 'string' ? message.status : '';
    const id = typeof message.id === 'string' ? message.id : '';
    const kind = LAYER_STATUSES[status];
    if (!id || !kind) return undefined;
    let layer = this.#layers.get(id);
    if (!layer) {
      // podman's closing `Download complete` names the image, not a layer it announced.
      if (kind === 'complete' && status === 'Download complete') return undefined;
      layer = { current: 0, total: 0, done: false };
      this.#layers.set(id, layer);
    }
    const detail = (message.progressDetail ?? {}) as { current?: unknown; total?: unknown };
    if (kind === 'progress') {
      if (typeof detail.total === 'number' && detail.total > 0) layer.total = detail.total;
      if (typeof detail.current === 'number') layer.current = Math.min(detail.current, layer.total || detail.current);
    } else if (kind === 'complete') {
      layer.done = true;
      layer.current = layer.total;
    }
    return this.snapshot();
  }

  /** The stream ended without an error: every layer is in. */
  finish(): PullProgressEvent {
    this.#done = true;
    for (const layer of this.#layers.values()) {
      layer.done = true;
      layer.current = layer.total;
    }
    return this.snapshot();
  }

  snapshot(): PullProgressEvent {
    let currentBytes = 0;
    let totalBytes = 0;
    let layersDone = 0;
    for (const layer of this.#layers.values()) {
      currentBytes += layer.current;
      totalBytes += layer.total;
      if (layer.done) layersDone++;
    }
    return { image: this.image, currentBytes, totalBytes, layers: this.#layers.size, layersDone, done: this.#done };
  }
}
