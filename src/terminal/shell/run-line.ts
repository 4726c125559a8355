/**
 * Runs a parsed command line: its pipelines in turn (`&&` after success, `||` after failure), each
 * pipeline's stages at once, joined by pipes. Standard error of every stage goes to the screen;
 * redirections to `/dev/null` and between 1 and 2 are honoured, anything naming a file is refused
 * (there is no file system).
 *
 * Ctrl-C aborts the line's signal: every stage of the running pipeline sees it, and no later
 * pipeline starts. A stage that ignores it for `graceMs` is left behind with its output cut off,
 * and the line ends anyway.
 */
import type { CommandContext, InputStream, OutputStream } from '../command.ts';
import type { ToolEnvironment } from '../tool-environment.ts';
import type { CommandRegistry } from './command-registry.ts';
import { emptyInput, interruptible } from './line-input.ts';
import type { LineInput } from './line-input.ts';
import type { ListItem, Pipeline, Redirection } from './parse-line.ts';
import { Pipe } from './pipe.ts';
import { withShell } from './shell-access.ts';
import type { ShellAccess } from './shell-access.ts';
import { expandWord } from './tokenize.ts';

/** How one command of a line ended, for the learner's lab progress. */
export interface CommandOutcome {
  argv: string[];
  exitCode: number;
  topics: string[];
}

export interface LineOutcome {
  /** `$?` after the line: the status of the last pipeline that ran. */
  exitCode: number;
  commands: CommandOutcome[];
  /** Set when `exit` ran: the shell ends with this status. */
  exit?: number;
}

export interface LineRunOptions {
  commands: CommandRegistry;
  env: ToolEnvironment;
  /** Where the screen's stdout and stderr go (`\n` line ends). */
  screen: OutputStream;
  /** Standard input of the first stage: the terminal, read while the line runs. */
  terminal: (signal: AbortSignal) => LineInput;
  columns: () => number;
  /** `$?` before the line. */
  lastStatus: number;
  /** Ctrl-C. */
  signal: AbortSignal;
  /** How long a command may ignore Ctrl-C before the line ends without it. */
  graceMs: number;
  /** The shell as builtins see it (`exit` and `$?` are the runner's). */
  shell: Pick<ShellAccess, 'commands' | 'history' | 'clearHistory'>;
}

export const SHELL_NAME = 'kafkalab';

const devNull: OutputStream = { closed: false, write: async () => {} };

export async function runLine(items: readonly ListItem[], options: LineRunOptions): Promise<LineOutcome> {
  let status = options.lastStatus;
  const commands: CommandOutcome[] = [];
  let exit: number | undefined;
  for (const item of items) {
    if (options.signal.aborted || exit !== undefined) break;
    if ((item.connector === '&&' && status !== 0) || (item.connector === '||' && status === 0)) continue;
    const outcome = await runPipeline(item.pipeline, status, options, (code) => {
      exit = code;
    });
    status = outcome.exitCode;
    commands.push(...outcome.commands);
  }
  return exit === undefined ? { exitCode: status, commands } : { exitCode: exit, commands, exit };
}

/** An output that can be cut off: once the shell gave up on its command, writes go nowhere. */
class StageOutput implements OutputStream {
  readonly #target: OutputStream;
  #detached = false;

  constructor(target: OutputStream) {
    this.#target = target;
  }

  get closed(): boolean {
    return this.#detached || this.#target.closed;
  }

  write(text: string): Promise<void> {
    return this.#detached ? Promise.resolve() : this.#target.write(text);
  }

  detach(): void {
    this.#detached = true;
  }
}

async function runPipeline(
  pipeline: Pipeline,
  status: number,
  options: LineRunOptions,
  requestExit: (code: number) => void,
): Promise<{ exitCode: number; commands: CommandOutcome[] }> {
  const stages = pipeline.commands;
  const pipes = stages.slice(1).map(() => new Pipe());
  const outputs: StageOutput[] = [];
  const codes: Array<number | undefined> = stages.map(() => undefined);
  const reports: Array<CommandOutcome | undefined> = [];

  const running = stages.map(async (stage, index) => {
    const argv = stage.words.map((word) => expandWord(word, status));
    const stdout = new StageOutput(index === stages.length - 1 ? options.screen : pipes[index].writer);
    const stderr = new StageOutput(options.screen);
    outputs.push(stdout, stderr);
    const stdin = index === 0 ? options.terminal(options.signal) : interruptible(pipes[index - 1].reader, options.signal);
    const topics = new Set<string>();
    try {
      const streams = redirect({ 0: stdin, 1: stdout, 2: stderr }, stage.redirections, status);
      if (typeof streams === 'string') {
        await stderr.write(`${SHELL_NAME}: ${streams}\n`);
        codes[index] = 1;
      } else if (argv.length === 0) {
        codes[index] = 0;
      } else {
        const exitFromHere = stages.length === 1 ? requestExit : () => {}; // `exit` in a pipe ends only its subshell
        codes[index] = await runCommand(argv, streams, topics, options, status, exitFromHere);
      }
    } finally {
      if (index < pipes.length) pipes[index].end();
      if (index > 0) pipes[index - 1].close();
    }
    if (argv.length > 0) reports[index] = { argv, exitCode: codes[index]!, topics: [...topics] };
  });

  const finished = Promise.all(running).then(() => 'finished' as const);
  const late = new Promise<'late'>((resolve) => {
    const onAbort = () => {
      const timer = setTimeout(() => resolve('late'), options.graceMs);
      void finished.then(() => clearTimeout(timer));
    };
    if (options.signal.aborted) onAbort();
    else {
      options.signal.addEventListener('abort', onAbort, { once: true });
      void finished.then(() => options.signal.removeEventListener('abort', onAbort));
    }
  });

  if ((await Promise.race([finished, late])) === 'late') {
    const stuck = stages.filter((_, index) => codes[index] === undefined).map((stage) => expandWord(stage.words[0], status));
    for (const output of outputs) output.detach();
    await options.screen.write(
      `\n${SHELL_NAME}: ${stuck.join(', ')} did not stop within ${options.graceMs / 1000} s of Ctrl-C; the prompt is back, its further output is discarded\n`,
    );
    stages.forEach((stage, index) => {
      if (codes[index] === undefined) {
        codes[index] = 130;
        reports[index] = { argv: stage.words.map((word) => expandWord(word, status)), exitCode: 130, topics: [] };
      }
    });
  }
  return { exitCode: codes.at(-1)!, commands: reports.filter((report) => report !== undefined) };
}

async function runCommand(
  argv: string[],
  streams: { stdin: InputStream; stdout: OutputStream; stderr: OutputStream },
  topics: Set<string>,
  options: LineRunOptions,
  status: number,
  requestExit: (code: number) => void,
): Promise<number> {
  const command = options.commands.find(argv[0]);
  if (!command) {
    await streams.stderr.write(`${argv[0]}: command not found\n`);
    return 127;
  }
  const context: CommandContext = {
    argv,
    ...streams,
    signal: options.signal,
    env: options.env,
    get columns() {
      return options.columns();
    },
    touchedTopic: (topic) => {
      topics.add(topic);
    },
  };
  const shell: ShellAccess = { ...options.shell, exit: requestExit, lastStatus: status };
  try {
    return await command.run(withShell(context, shell));
  } catch (error) {
    await streams.stderr.write(`${SHELL_NAME}: ${argv[0]}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/**
 * Applies redirections left to right, as a shell does (`>/dev/null 2>&1` silences both,
 * `2>&1 >/dev/null` only stdout). Returns the streams, or the message for a refused one.
 */
function redirect(
  fds: { 0: LineInput; 1: OutputStream; 2: OutputStream },
  redirections: readonly Redirection[],
  status: number,
): { stdin: InputStream; stdout: OutputStream; stderr: OutputStream } | string {
  const output: Record<number, OutputStream> = { 1: fds[1], 2: fds[2] };
  let stdin: InputStream = fds[0];
  for (const { fd, operator, target: word } of redirections) {
    const target = expandWord(word, status);
    const noFile = `${target}: the lab shell has no files (only /dev/null, 2>&1, 1>&2)`;
    switch (operator) {
      case '>':
      case '>>':
      case '>|':
        if (target !== '/dev/null') return noFile;
        output[fd] = devNull;
        break;
      case '&>':
      case '&>>':
        if (target !== '/dev/null') return noFile;
        output[1] = devNull;
        output[2] = devNull;
        break;
      case '<':
        if (target !== '/dev/null') return noFile;
        if (fd === 0) stdin = emptyInput;
        break;
      case '>&':
        if (target === '-') output[fd] = devNull;
        else if (target === '1' || target === '2') output[fd] = output[Number(target)];
        else if (/^[0-9]+$/.test(target)) return `${target}: Bad file descriptor`;
        else return noFile;
        break;
      case '<&':
        if (target !== '0') return `${target}: Bad file descriptor`;
        break;
      case '<<':
        return 'here-documents (<<) are not supported in the lab shell';
      case '<>':
        return noFile;
    }
  }
  return { stdin, stdout: output[1], stderr: output[2] };
}
