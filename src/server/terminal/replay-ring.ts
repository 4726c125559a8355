/**
 * The most recent output of a terminal session, bounded, so that a page that reconnects after a dropped
 * socket can draw the screen as it was. Older output falls off the front.
 */

/** How much output a session keeps for a reconnecting page (characters). */
export const REPLAY_RING_CHARS = 256 * 1024;

/**
 * A replay that starts mid-line may start inside an escape sequence; it starts at the next line instead
 * when one begins within this many characters.
 */
const LINE_START_SEARCH_CHARS = 4096;

export class ReplayRing {
  readonly capacity: number;
  readonly #chunks: string[] = [];
  #chars = 0;
  /** Whether output has fallen off the front (the replay then starts at a line start). */
  #trimmed = false;

  constructor(capacity = REPLAY_RING_CHARS) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.#chars;
  }

  append(data: string): void {
    if (data.length === 0) return;
    this.#chunks.push(data);
    this.#chars += data.length;
    while (this.#chars > this.capacity) {
      const excess = this.#chars - this.capacity;
      const first = this.#chunks[0];
      if (first.length <= excess) {
        this.#chunks.shift();
        this.#chars -= first.length;
      } else {
        this.#chunks[0] = first.slice(excess);
        this.#chars -= excess;
      }
      this.#trimmed = true;
    }
  }

  /** The kept output, as the screen should be redrawn from it. */
  contents(): string {
    const text = this.#chunks.join('');
    if (this.#chunks.length > 1) {
      this.#chunks.length = 0;
      this.#chunks.push(text);
    }
    if (!this.#trimmed) return text;
    const newline = text.indexOf('\n');
    return newline !== -1 && newline < LINE_START_SEARCH_CHARS ? text.slice(newline + 1) : text;
  }
}
