/**
 * The terminal while a command runs, as a TTY in cooked mode: typed characters are echoed and can
 * be erased (Backspace, Ctrl-U, Ctrl-W); Enter hands the line to the command reading standard input
 * (or keeps it for later: input typed ahead is not lost); Ctrl-D at the start of a line is the end
 * of input. Lines nobody read are given back to the prompt when the command ends, as bash reads
 * what was typed ahead.
 */
import type { Key } from './key-decoder.ts';
import type { LineInput, ReadLine } from './line-input.ts';
import { LINE_TOO_LONG_NOTICE, MAX_LINE_CHARACTERS } from './line-length.ts';
import { SHELL_NAME } from './run-line.ts';
import { cellWidth, graphemes } from './text-width.ts';

export class TerminalInput {
  readonly #echo: (text: string) => void;
  /** Lines typed (Enter) and not read yet; `null` is an end of input (Ctrl-D). */
  readonly #typed: Array<string | null> = [];
  #partial: string[] = [];
  /** Whether the line being typed already said it is too long. */
  #toldTooLong = false;
  #reader: ((line: string | null) => void) | null = null;

  constructor(echo: (text: string) => void) {
    this.#echo = echo;
  }

  /**
   * A key typed while a command runs (Ctrl-C is the shell's, not this). `echo` is false for keys
   * that arrived while the prompt had the terminal (a paste's later lines; what was typed ahead and
   * is read again): a TTY echoes a key when it arrives, and the prompt's raw mode does not echo.
   */
  key(key: Key, echo = true): void {
    const show = echo ? this.#echo : () => {};
    if (key.kind === 'text') {
      this.#type(key.text, show);
    } else if (key.kind === 'enter') {
      const line = this.#partial.join('');
      this.#partial = [];
      this.#toldTooLong = false;
      show('\r\n');
      this.#deliver(line);
    } else if (key.name === 'end-of-input') {
      if (this.#partial.length === 0) this.#deliver(null);
    } else if (key.name === 'backspace') {
      this.#erase(1, show);
    } else if (key.name === 'kill-to-start') {
      this.#erase(this.#partial.length, show);
    } else if (key.name === 'kill-word-back') {
      let keep = this.#partial.length;
      while (keep > 0 && this.#partial[keep - 1] === ' ') keep--;
      while (keep > 0 && this.#partial[keep - 1] !== ' ') keep--;
      this.#erase(this.#partial.length - keep, show);
    }
  }

  /** Standard input of the command that runs now; reads give `null` once `signal` is aborted. */
  stream(signal: AbortSignal): LineInput {
    const readLine = () => this.#read(signal);
    return {
      isTerminal: true,
      readLine,
      readLineWithEnd: async (): Promise<ReadLine | null> => {
        const line = await readLine();
        return line === null ? null : { line, ended: true };
      },
    };
  }

  /** What was typed and not read, as text to type again at the prompt (ends of input dropped). */
  takeTypedAhead(): string {
    const lines = this.#typed.filter((line): line is string => line !== null);
    const text = lines.map((line) => `${line}\r`).join('') + this.#partial.join('');
    this.discard();
    return text;
  }

  /** Ctrl-C: a TTY flushes its input queue on SIGINT. */
  discard(): void {
    this.#typed.length = 0;
    this.#partial = [];
    this.#toldTooLong = false;
  }

  #read(signal: AbortSignal): Promise<string | null> {
    if (signal.aborted) return Promise.resolve(null);
    if (this.#typed.length > 0) return Promise.resolve(this.#typed.shift()!);
    return new Promise((resolve) => {
      const onAbort = () => {
        if (this.#reader === deliver) this.#reader = null;
        resolve(null);
      };
      const deliver = (line: string | null) => {
        signal.removeEventListener('abort', onAbort);
        resolve(line);
      };
      this.#reader = deliver;
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #deliver(line: string | null): void {
    const reader = this.#reader;
    if (reader) {
      this.#reader = null;
      reader(line);
    } else this.#typed.push(line);
  }

  /** Typed text joins the line, as much as fits (a TTY's line buffer is bounded too, and rings the bell). */
  #type(text: string, show: (text: string) => void): void {
    const typed = graphemes(text);
    const room = MAX_LINE_CHARACTERS - this.#partial.length;
    const taken = typed.length > room ? typed.slice(0, room) : typed;
    for (const char of taken) this.#partial.push(char);
    show(taken === typed ? text : taken.join(''));
    if (taken !== typed && !this.#toldTooLong) {
      this.#toldTooLong = true;
      this.#echo(`\r\n\x07${SHELL_NAME}: ${LINE_TOO_LONG_NOTICE}\r\n`);
    }
  }

  #erase(count: number, show: (text: string) => void): void {
    if (count <= 0) return;
    const erased = this.#partial.splice(this.#partial.length - count, count);
    const width = erased.reduce((sum, char) => sum + cellWidth(char), 0);
    show('\b \b'.repeat(width));
  }
}
