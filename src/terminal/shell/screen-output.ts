/**
 * Everything the shell shows goes through here, in order: command output, prompt, echo. Paused
 * (flow control: the page has too much to draw) or with nobody listening, writes wait in a queue
 * and their promises resolve only once written; a command awaits each write, so the queue holds
 * at most one chunk per writer, never an unbounded pile.
 *
 * It follows the cursor's column through what is written (`column`), so the prompt can follow
 * output that did not end a line on the same row, as bash's does.
 */
import { columnAfter } from './cursor-column.ts';

export class ScreenOutput {
  readonly #listeners = new Set<(data: string) => void>();
  readonly #queue: Array<{ data: string; written: () => void }> = [];
  #paused = false;
  #closed = false;
  #columns: number;
  /** The cursor's column once everything written so far is shown; undefined when it cannot be known. */
  #column: number | undefined = 0;

  constructor(columns = 80) {
    this.#columns = columns;
  }

  /** The screen's width, for knowing when a row wrapped. */
  set columns(columns: number) {
    this.#columns = columns;
  }

  /** Where the cursor will be once everything written so far is shown (undefined: unknown, a wrapped row or an escape it does not follow). */
  get column(): number | undefined {
    return this.#column;
  }

  /** Shows `data` (already with `\r\n` line ends) once the screen takes output. */
  write(data: string): Promise<void> {
    if (data === '') return Promise.resolve();
    return this.#enqueue(data);
  }

  /** Shows `data` at the start of a row: a line end first unless the cursor is known to be at column 0. */
  writeOnFreshRow(data: string): Promise<void> {
    return this.write(this.#column === 0 ? data : `\r\n${data}`);
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

  #enqueue(data: string): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#column = columnAfter(this.#column, data, this.#columns);
    if (this.#canWrite() && this.#queue.length === 0) {
      this.#emit(data);
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
      this.#emit(data);
      written();
    }
  }

  #emit(data: string): void {
    for (const listener of [...this.#listeners]) listener(data);
  }
}
