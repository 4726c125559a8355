/**
 * The lab shell: a small shell of our own (never a host shell) behind the `TerminalSession`
 * interface. Keystrokes in, screen text out. At the prompt it edits the line (`PromptReader`); while
 * a line runs, the terminal is a TTY in cooked mode (`TerminalInput`) and Ctrl-C interrupts the
 * line. Every line it runs is reported (`onCommand`) for the learner's lab progress.
 */
import type { ToolEnvironment } from '../tool-environment.ts';
import type { TerminalSession, TerminalSize } from '../terminal-session.ts';
import { CommandHistory } from './command-history.ts';
import type { CommandRegistry } from './command-registry.ts';
import { KeyDecoder } from './key-decoder.ts';
import type { Key } from './key-decoder.ts';
import { LineEditor } from './line-editor.ts';
import { MAX_LINE_CHARACTERS } from './line-length.ts';
import type { ListItem } from './parse-line.ts';
import { PromptReader } from './prompt-reader.ts';
import type { PromptResult } from './prompt-reader.ts';
import { runLine, SHELL_NAME } from './run-line.ts';
import type { CommandOutcome } from './run-line.ts';
import { ScreenOutput } from './screen-output.ts';
import { ShellVariables } from './shell-variables.ts';
import { TerminalInput } from './terminal-input.ts';

export type { CommandOutcome } from './run-line.ts';

/** One command line the shell ran (feeds `LabActivity.command`). */
export interface CommandLineReport {
  /** As typed (the lines of a continued command joined by `\n`). */
  line: string;
  startedAt: number;
  finishedAt: number;
  /** The line's status (`$?` after it). */
  exitCode: number;
  /** Each command that ran, in order. */
  commands: CommandOutcome[];
}

export interface LabShellOptions {
  commands: CommandRegistry;
  env: ToolEnvironment;
  size?: TerminalSize;
  /** The prompt, ANSI colours allowed. */
  prompt?: string;
  /** The first lines on the screen (`\r\n` line ends); the default names the shell and `help`. */
  banner?: string;
  /** How long a command may ignore Ctrl-C before the prompt comes back anyway (2 s). */
  interruptGraceMs?: number;
}

export const DEFAULT_PROMPT = '\x1b[1;32mkafkalab\x1b[0m:\x1b[1;34m~\x1b[0m$ ';
export const CONTINUATION_PROMPT = '> ';
export const DEFAULT_BANNER =
  'kafkalab lab shell: the Kafka 3.9 / Confluent 7.9 tools, on this lab\'s cluster.\r\n' +
  'Type \x1b[1mhelp\x1b[0m for the commands, Tab to complete, Ctrl-C to stop a command.\r\n';

const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };

export class LabShell implements TerminalSession {
  readonly #commands: CommandRegistry;
  readonly #env: ToolEnvironment;
  readonly #graceMs: number;
  readonly #screen: ScreenOutput;
  readonly #keys = new KeyDecoder();
  readonly #history = new CommandHistory();
  readonly #variables = new ShellVariables();
  readonly #editor: LineEditor;
  readonly #reader: PromptReader;
  readonly #terminal: TerminalInput;
  readonly #exitListeners = new Set<(code: number) => void>();
  readonly #commandListeners = new Set<(report: CommandLineReport) => void>();
  #size: TerminalSize;
  #mode: 'prompt' | 'running' | 'ended' = 'prompt';
  #lastStatus = 0;
  #running: { interrupt: AbortController; done: Promise<void> } | null = null;
  #closing: Promise<void> | null = null;

  constructor(options: LabShellOptions) {
    this.#commands = options.commands;
    this.#env = options.env;
    this.#graceMs = options.interruptGraceMs ?? 2000;
    this.#size = options.size ?? DEFAULT_SIZE;
    this.#screen = new ScreenOutput(this.#size.cols);
    const show = (text: string) => void this.#screen.write(text);
    this.#editor = new LineEditor({ columns: this.#size.cols, write: show, maxLength: MAX_LINE_CHARACTERS });
    this.#terminal = new TerminalInput(show);
    this.#reader = new PromptReader({
      editor: this.#editor,
      history: this.#history,
      commands: this.#commands,
      write: show,
      prompt: options.prompt ?? DEFAULT_PROMPT,
      continuationPrompt: CONTINUATION_PROMPT,
    });
    show(options.banner ?? DEFAULT_BANNER);
    this.#showPrompt();
  }

  input(data: string): void {
    // Keys that reach a command after arriving at the prompt (a paste's later lines) are not echoed.
    const echo = this.#mode === 'running';
    for (const key of this.#keys.decode(data)) {
      if (this.#mode === 'prompt') this.#promptKey(key);
      else if (this.#mode === 'running') this.#runningKey(key, echo);
      else return;
    }
  }

  resize(size: TerminalSize): void {
    this.#size = size;
    this.#screen.columns = size.cols;
    if (this.#mode === 'prompt') this.#editor.resize(size.cols);
    else this.#editor.columns = size.cols;
  }

  onOutput(listener: (data: string) => void): () => void {
    return this.#screen.onData(listener);
  }

  onExit(listener: (code: number) => void): () => void {
    this.#exitListeners.add(listener);
    return () => this.#exitListeners.delete(listener);
  }

  /** Each command line the shell ran, once it has finished. */
  onCommand(listener: (report: CommandLineReport) => void): () => void {
    this.#commandListeners.add(listener);
    return () => this.#commandListeners.delete(listener);
  }

  pause(): void {
    this.#screen.pause();
  }

  resume(): void {
    this.#screen.resume();
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#mode = 'ended';
      this.#screen.close(); // nobody looks any more: a command waiting to write goes on (and sees Ctrl-C)
      const running = this.#running;
      if (running) {
        running.interrupt.abort();
        await running.done;
      }
    })();
    return this.#closing;
  }

  /**
   * The prompt, as bash draws it: right after output that did not end a line (`>$ ` after the console
   * producer's prompt and Ctrl-D), on a fresh row where the cursor's column is not known.
   */
  #showPrompt(typedAhead = ''): void {
    const column = this.#screen.column;
    const follows = column !== undefined && column < this.#size.cols;
    if (!follows) void this.#screen.write('\r\n');
    this.#reader.start('', follows ? column : 0);
    if (typedAhead) this.input(typedAhead);
  }

  #promptKey(key: Key): void {
    const result = this.#reader.key(key);
    if (result) this.#onPromptResult(result);
  }

  #onPromptResult(result: PromptResult): void {
    switch (result.kind) {
      case 'interrupted':
        this.#lastStatus = 130;
        this.#showPrompt();
        return;
      case 'end-of-input':
        this.#end(this.#lastStatus, 'after the prompt');
        return;
      case 'unexpected-end':
        this.#error(...result.messages);
        this.#lastStatus = 2;
        this.#showPrompt();
        return;
      case 'line':
        if (result.parsed.kind === 'error') {
          this.#error(result.parsed.message);
          this.#lastStatus = 2;
          this.#showPrompt();
        } else if (result.parsed.items.length === 0) {
          this.#showPrompt();
        } else {
          void this.#run(result.text, result.parsed.items);
        }
    }
  }

  #runningKey(key: Key, echo: boolean): void {
    if (key.kind === 'control' && key.name === 'interrupt') {
      void this.#screen.write('^C');
      this.#terminal.discard();
      this.#running?.interrupt.abort();
    } else {
      this.#terminal.key(key, echo);
    }
  }

  async #run(line: string, items: readonly ListItem[]): Promise<void> {
    this.#mode = 'running';
    const interrupt = new AbortController();
    const startedAt = this.#env.now();
    const screen = { closed: false, write: (text: string) => this.#screen.writeText(text) };
    const outcome = runLine(items, {
      commands: this.#commands,
      env: this.#env,
      stdout: screen,
      stderr: screen,
      variables: this.#variables,
      terminal: (signal) => this.#terminal.stream(signal),
      columns: () => this.#size.cols,
      lastStatus: this.#lastStatus,
      signal: interrupt.signal,
      graceMs: this.#graceMs,
      shell: {
        commands: this.#commands,
        history: () => ({ entries: this.#history.entries(), firstNumber: this.#history.firstNumber }),
        clearHistory: () => this.#history.clear(),
      },
    });
    this.#running = { interrupt, done: outcome.then(() => undefined) };
    const { exitCode, commands, exit } = await outcome;
    this.#running = null;
    this.#lastStatus = exitCode;
    const report: CommandLineReport = { line, startedAt, finishedAt: this.#env.now(), exitCode, commands };
    for (const listener of [...this.#commandListeners]) listener(report);
    if (this.#hasEnded()) return; // closed while the line ran
    if (exit !== undefined) {
      this.#end(exit, 'on a fresh row');
      return;
    }
    this.#mode = 'prompt';
    this.#showPrompt(this.#terminal.takeTypedAhead());
  }

  #hasEnded(): boolean {
    return this.#mode === 'ended';
  }

  #error(...messages: string[]): void {
    void this.#screen.write(messages.map((message) => `${SHELL_NAME}: ${message}\r\n`).join(''));
  }

  /** `exit` or Ctrl-D: bash says `exit` (after the prompt for Ctrl-D), then the session ends. */
  #end(code: number, where: 'after the prompt' | 'on a fresh row'): void {
    this.#mode = 'ended';
    const said = where === 'after the prompt' ? this.#screen.write('exit\r\n') : this.#screen.writeOnFreshRow('exit\r\n');
    void said.then(() => {
      for (const listener of [...this.#exitListeners]) listener(code);
    });
  }
}
