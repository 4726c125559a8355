/**
 * The `|` between two commands: text written by one stage is read line by line by the next,
 * through a bounded buffer. A writer that is ahead waits (its `write` resolves once the reader has
 * taken enough); when the reader is done (`head -3` has its lines) the pipe is closed for the
 * writer: writes resolve at once and `closed` is true. The writer is not stopped: a Kafka tool, like
 * the JVM, decides what to do about it.
 */
import type { OutputStream } from '../command.ts';
import type { LineInput, ReadLine } from './line-input.ts';

/** About a Linux pipe's 64 KiB. */
export const PIPE_CAPACITY = 65_536;

export class Pipe {
  readonly #capacity: number;
  #data = '';
  #ended = false;
  #closed = false;
  #wakeReader: (() => void) | null = null;
  #wakeWriter: (() => void) | null = null;

  constructor(capacity = PIPE_CAPACITY) {
    this.#capacity = capacity;
  }

  readonly writer: OutputStream = (() => {
    const pipe = this;
    return {
      write: (text: string) => pipe.#write(text),
      get closed() {
        return pipe.#closed;
      },
    };
  })();

  readonly reader: LineInput = {
    isTerminal: false,
    readLine: async () => (await this.#readLine())?.line ?? null,
    readLineWithEnd: () => this.#readLine(),
  };

  /** The writing stage is done: the reader gets what is left, then the end of input. */
  end(): void {
    this.#ended = true;
    this.#wake();
  }

  /** The reading stage is done: nothing written from now on goes anywhere. */
  close(): void {
    this.#closed = true;
    this.#data = '';
    this.#wake();
  }

  async #write(text: string): Promise<void> {
    if (this.#closed || this.#ended || text === '') return;
    this.#data += text;
    this.#wakeReader?.();
    // Wait while the buffer is full, unless the reader is waiting for a line end that has not come yet.
    while (!this.#closed && this.#data.length >= this.#capacity && this.#wakeReader === null) {
      await new Promise<void>((resolve) => {
        this.#wakeWriter = () => {
          this.#wakeWriter = null;
          resolve();
        };
      });
    }
  }

  async #readLine(): Promise<ReadLine | null> {
    for (;;) {
      const newline = this.#data.indexOf('\n');
      if (newline >= 0) {
        const line = this.#data.slice(0, newline);
        this.#data = this.#data.slice(newline + 1);
        this.#wakeWriter?.();
        return { line, ended: true };
      }
      if (this.#ended || this.#closed) {
        if (this.#data === '') return null;
        const line = this.#data;
        this.#data = '';
        return { line, ended: false };
      }
      await new Promise<void>((resolve) => {
        this.#wakeReader = () => {
          this.#wakeReader = null;
          resolve();
        };
        this.#wakeWriter?.();
      });
    }
  }

  #wake(): void {
    this.#wakeReader?.();
    this.#wakeWriter?.();
  }
}
