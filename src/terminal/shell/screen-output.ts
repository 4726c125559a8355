/**
 * Everything the shell shows goes through here, in order: command output, prompt, echo. Paused
 * (flow control: the page has too much to draw) or with nobody listening, writes wait in a queue
 * and their promises resolve only once written; a command awaits each write, so the queue holds
 * at most one chunk per writer, never an unbounded pile.
 */

export class ScreenOutput {
  readonly #listeners = new Set<(data: string) => void>();
  readonly #queue: Array<{ data: string | (() => string); written: () => void }> = [];
  #paused = false;
  #closed = false;
  /** Whether the last text written left the cursor at the start of a row (a prompt needs one). */
  #atRowStart = true;

  /** Shows `data` (already with `\r\n` line ends) once the screen takes output. */
  write(data: string): Promise<void> {
    if (data === '') return Promise.resolve();
    return this.#enqueue(data);
  }

  /** Shows `data` at the start of a row: after a command's output that did not end with a line end, a line end first (as zsh does). */
  writeOnFreshRow(data: string): Promise<void> {
    return this.#enqueue(() => (this.#atRowStart ? data : `\r\n${data}`));
  }

  /** Command output: `\n` line ends become `\r\n`. */
  writeText(text: string): Promise<void> {
    return this.write(text.replace(/\r?\n/g, '\r\n'));
  }

  onData(listener: (data: string) => void): () => void {
    this.#listeners.add(listener);
    this.#flush();
    return () => {
      this.#listeners.delete(listener);
    };
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.#flush();
  }

  /** The session is over: waiting writes resolve unwritten, later ones at once; nothing more is shown. */
  close(): void {
    this.#closed = true;
    for (const { written } of this.#queue.splice(0)) written();
  }

  /** Chunks waiting for the screen (one per waiting writer at most). */
  get waiting(): number {
    return this.#queue.length;
  }

  #enqueue(data: string | (() => string)): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#canWrite() && this.#queue.length === 0) {
      this.#emit(typeof data === 'string' ? data : data());
      return Promise.resolve();
    }
    return new Promise((written) => {
      this.#queue.push({ data, written });
    });
  }

  #canWrite(): boolean {
    return !this.#paused && this.#listeners.size > 0;
  }

  #flush(): void {
    while (this.#canWrite() && this.#queue.length > 0) {
      const { data, written } = this.#queue.shift()!;
      this.#emit(typeof data === 'string' ? data : data());
      written();
    }
  }

  #emit(data: string): void {
    if (data === '') return;
    // eslint-disable-next-line no-control-regex
    this.#atRowStart = /(?:[\r\n]|\x1b\[[0-9;]*[HJ])$/.test(data);
    for (const listener of [...this.#listeners]) listener(data);
  }
}
