/**
 * A `TerminalSession` for the session layer's unit tests: it echoes input, emits what a test tells it to,
 * and honours pause/resume the way the lab shell does (a flood waits while paused, nothing is dropped).
 * The end-to-end tests use the real `LabShell`.
 */
import type { TerminalSession, TerminalSize } from '../../../src/terminal/terminal-session.ts';

export class FakeTerminalSession implements TerminalSession {
  readonly inputs: string[] = [];
  readonly sizes: TerminalSize[] = [];
  pauses = 0;
  resumes = 0;
  closed = false;
  /** Resolves when the session layer closed this session. */
  readonly whenClosed: Promise<void>;
  #onClosed!: () => void;
  readonly #output = new Set<(data: string) => void>();
  readonly #early: string[] = [];
  readonly #exit = new Set<(code: number) => void>();
  #paused = false;
  #resumed: (() => void) | null = null;

  constructor() {
    this.whenClosed = new Promise((resolve) => (this.#onClosed = resolve));
  }

  get paused(): boolean {
    return this.#paused;
  }

  input(data: string): void {
    this.inputs.push(data);
    this.emit(data);
  }

  resize(size: TerminalSize): void {
    this.sizes.push(size);
  }

  /** As the lab shell does, output written before anyone listened (the first prompt) goes to the first listener. */
  onOutput(listener: (data: string) => void): () => void {
    this.#output.add(listener);
    const early = this.#early.splice(0).join('');
    if (early) listener(early);
    return () => this.#output.delete(listener);
  }

  onExit(listener: (code: number) => void): () => void {
    this.#exit.add(listener);
    return () => this.#exit.delete(listener);
  }

  pause(): void {
    this.pauses++;
    this.#paused = true;
  }

  resume(): void {
    this.resumes++;
    this.#paused = false;
    const resumed = this.#resumed;
    this.#resumed = null;
    resumed?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.#onClosed();
  }

  emit(data: string): void {
    if (this.#output.size === 0) this.#early.push(data);
    for (const listener of this.#output) listener(data);
  }

  exit(code: number): void {
    for (const listener of this.#exit) listener(code);
  }

  /** Writes `chunks` one after the other, waiting while paused (as a tool awaiting its writes does). */
  async flood(chunks: Iterable<string>): Promise<void> {
    for (const chunk of chunks) {
      while (this.#paused) await new Promise<void>((resolve) => (this.#resumed = resolve));
      if (this.closed) return;
      this.emit(chunk);
      // Let timers and socket callbacks run between writes, as a real producer would.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
