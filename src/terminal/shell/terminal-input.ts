/**
 * The terminal while a command runs, as a TTY in cooked mode: typed characters are echoed and can
 * be erased (Backspace, Ctrl-U, Ctrl-W); Enter hands the line to the command reading standard input
 * (or keeps it for later: input typed ahead is not lost). Ctrl-D hands over what was typed on the
 * line without a line end, and nothing can erase it any more; the reader's line goes on. Ctrl-D
 * with nothing typed since is the end of input: a reader holding a handed-over part gets it as its
 * last line (without a line end), then the end. Lines nobody read are given back to the prompt when
 * the command ends, as bash reads what was typed ahead.
 */
import type { Key } from './key-decoder.ts';
import type { LineInput, ReadLine } from './line-input.ts';
import { LINE_TOO_LONG_NOTICE, MAX_LINE_CHARACTERS } from './line-length.ts';
import { SHELL_NAME } from './run-line.ts';
import { cellWidth, graphemes } from './text-width.ts';

export class TerminalInput {
  readonly #echo: (text: string) => void;
  /** Lines typed and not read yet; `null` is an end of input (Ctrl-D). */
  readonly #typed: Array<ReadLine | null> = [];
  /** The start of the line that Ctrl-D handed over: it can no longer be erased. */
  #handedOver: string[] = [];
  /** What is typed on the line since, still editable. */
  #partial: string[] = [];
  /** Whether the line being typed already said it is too long. */
  #toldTooLong = false;
  #reader: ((line: ReadLine | null) => void) | null = null;

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
      show('\r\n');
      this.#deliver({ line: this.#takeLine(), ended: true });
    } else if (key.name === 'end-of-input') {
      if (this.#partial.length > 0) {
        for (const char of this.#partial) this.#handedOver.push(char);
        this.#partial = [];
      } else {
        if (this.#handedOver.length > 0) this.#deliver({ line: this.#takeLine(), ended: false });
        this.#deliver(null);
      }
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
    const readLineWithEnd = () => this.#read(signal);
    return {
      isTerminal: true,
      readLine: async () => (await readLineWithEnd())?.line ?? null,
      readLineWithEnd,
    };
  }

  /** What was typed and not read, as text to type again at the prompt (ends of input dropped). */
  takeTypedAhead(): string {
    const text = this.#typed.map((read) => (read === null ? '' : read.ended ? `${read.line}\r` : read.line)).join('') + this.#takeLine();
    this.discard();
    return text;
  }

  /** Ctrl-C: a TTY flushes its input queue on SIGINT. */
  discard(): void {
    this.#typed.length = 0;
    this.#takeLine();
  }

  /** The line typed so far (handed over and not), which starts again empty. */
  #takeLine(): string {
    const line = this.#handedOver.join('') + this.#partial.join('');
    this.#handedOver = [];
    this.#partial = [];
    this.#toldTooLong = false;
    return line;
  }

  #read(signal: AbortSignal): Promise<ReadLine | null> {
    if (signal.aborted) return Promise.resolve(null);
    if (this.#typed.length > 0) return Promise.resolve(this.#typed.shift()!);
    return new Promise((resolve) => {
      const onAbort = () => {
        if (this.#reader === deliver) this.#reader = null;
        resolve(null);
      };
      const deliver = (line: ReadLine | null) => {
        signal.removeEventListener('abort', onAbort);
        resolve(line);
      };
      this.#reader = deliver;
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #deliver(line: ReadLine | null): void {
    const reader = this.#reader;
    if (reader) {
      this.#reader = null;
      reader(line);
    } else this.#typed.push(line);
  }

  /** Typed text joins the line, as much as fits (a TTY's line buffer is bounded too, and rings the bell). */
  #type(text: string, show: (text: string) => void): void {
    const typed = graphemes(text);
    const room = MAX_LINE_CHARACTERS - this.#handedOver.length - this.#partial.length;
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
