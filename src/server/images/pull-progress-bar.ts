/**
 * The CLI's pull progress: one line per image, `kafkalab/node:… [#####.....] 45.2/120.0 MB 3/7 layers`,
 * redrawn in place with \r on a terminal; elsewhere (a log, CI) one line each time another 10 % is in,
 * and one when done.
 */
import { formatBytes } from './format-bytes.ts';
import type { PullProgressEvent } from './pull-progress.ts';

export function pullProgressLine(event: PullProgressEvent, width = 10): string {
  const fraction = event.done ? 1 : event.totalBytes > 0 ? Math.min(1, event.currentBytes / event.totalBytes) : 0;
  const filled = Math.round(fraction * width);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
  const unit = event.totalBytes >= 1e9 ? 'GB' : 'MB';
  const bytes = `${formatBytes(event.currentBytes, unit).split(' ')[0]}/${formatBytes(event.totalBytes, unit)}`;
  return `${event.image} ${bar} ${bytes} ${event.layersDone}/${event.layers} layers${event.done ? ' done' : ''}`;
}

export interface ProgressOutput {
  write(text: string): void;
  isTTY?: boolean;
}

/** Prints one image's pull progress to `out` as a terminal or a log wants it. */
export class PullProgressPrinter {
  readonly #out: ProgressOutput;
  #lastLength = 0;
  #lastDecile = -1;

  constructor(out: ProgressOutput) {
    this.#out = out;
  }

  update(event: PullProgressEvent): void {
    const line = pullProgressLine(event);
    if (this.#out.isTTY) {
      this.#out.write(`\r${line.padEnd(this.#lastLength)}${event.done ? '\n' : ''}`);
      this.#lastLength = line.length;
      return;
    }
    const decile = event.done ? 10 : event.totalBytes > 0 ? Math.min(9, Math.floor((event.currentBytes / event.totalBytes) * 10)) : 0;
    if (decile > this.#lastDecile) {
      this.#lastDecile = decile;
      this.#out.write(`${line}\n`);
    }
  }

  /** The pull failed: end the redrawn line so the error starts on its own. */
  abort(): void {
    if (this.#out.isTTY && this.#lastLength > 0) this.#out.write('\n');
  }
}
