/**
 * Runs a parsed command line: its pipelines in turn (`&&` after success, `||` after failure), each
 * pipeline's stages at once, joined by pipes. A stage is a simple command (or assignments alone,
 * which set shell variables) or a `for` loop, whose body runs as a line of its own for each value.
 * Standard error of every stage goes to the screen; redirections to `/dev/null` and between 1 and
 * 2 are honoured, anything naming a file is refused (there is no file system).
 *
 * Ctrl-C aborts the line's signal: every stage of the running pipeline sees it, and no later
 * pipeline (or loop round) starts. A stage that ignores it for `graceMs` is left behind with its
 * output cut off, and the line ends anyway.
 */
import type { CommandContext, OutputStream } from '../command.ts';
import type { ToolEnvironment } from '../tool-environment.ts';
import type { CommandRegistry } from './command-registry.ts';
import { BadSubstitution, expandAll, expandText } from './expand-word.ts';
import type { ParameterLookup } from './expand-word.ts';
import { emptyInput, interruptible } from './line-input.ts';
import type { LineInput } from './line-input.ts';
import type { ForLoop, ListItem, Pipeline, Redirection, ShellCommand, SimpleCommand } from './parse-line.ts';
import { Pipe } from './pipe.ts';
import { withShell } from './shell-access.ts';
import type { ShellAccess } from './shell-access.ts';
import type { ShellVariables } from './shell-variables.ts';

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
  /** Where the line's standard output and error go (the screen, or a loop's redirected streams; `\n` line ends). */
  stdout: OutputStream;
  stderr: OutputStream;
  /** Standard input of the first stage: the terminal, read while the line runs. */
  terminal: (signal: AbortSignal) => LineInput;
  /** The shell's variables (`name=value`, `$name`). */
  variables: ShellVariables;
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

interface StageStreams {
  stdin: LineInput;
  stdout: OutputStream;
  stderr: OutputStream;
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
  const reports: CommandOutcome[][] = stages.map(() => []);
  const lookup: ParameterLookup = (name) => (name === '?' ? String(status) : options.variables.get(name));

  const running = stages.map(async (stage, index) => {
    const stdout = new StageOutput(index === stages.length - 1 ? options.stdout : pipes[index].writer);
    const stderr = new StageOutput(options.stderr);
    outputs.push(stdout, stderr);
    const stdin = index === 0 ? options.terminal(options.signal) : interruptible(pipes[index - 1].reader, options.signal);
    // Each stage of a real pipeline runs in a subshell: what it sets stays there.
    const stageOptions = stages.length === 1 ? options : { ...options, variables: options.variables.subshell() };
    const exitFromHere = stages.length === 1 ? requestExit : () => {}; // `exit` in a pipe ends only its subshell
    try {
      const streams = redirect({ 0: stdin, 1: stdout, 2: stderr }, stage.redirections, lookup);
      if (typeof streams === 'string') {
        await stderr.write(`${SHELL_NAME}: ${streams}\n`);
        codes[index] = 1;
        if (stage.kind === 'simple' && stage.words.length > 0) reports[index].push({ argv: safeArgv(stage, lookup), exitCode: 1, topics: [] });
      } else if (stage.kind === 'for') {
        codes[index] = await runForLoop(stage, streams, status, stageOptions, exitFromHere, reports[index]);
      } else {
        codes[index] = await runSimpleCommand(stage, streams, status, stageOptions, exitFromHere, reports[index]);
      }
    } catch (error) {
      if (!(error instanceof BadSubstitution)) throw error;
      await stderr.write(`${SHELL_NAME}: ${error.message}\n`);
      codes[index] = 1;
    } finally {
      if (index < pipes.length) pipes[index].end();
      if (index > 0) pipes[index - 1].close();
    }
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
    const stuck = stages.filter((_, index) => codes[index] === undefined).map((stage) => stageName(stage, lookup));
    for (const output of outputs) output.detach();
    await options.stderr.write(
      `\n${SHELL_NAME}: ${stuck.join(', ')} did not stop within ${options.graceMs / 1000} s of Ctrl-C; the prompt is back, its further output is discarded\n`,
    );
    stages.forEach((stage, index) => {
      if (codes[index] === undefined) {
        codes[index] = 130;
        if (stage.kind === 'simple') reports[index] = [{ argv: safeArgv(stage, lookup), exitCode: 130, topics: [] }];
      }
    });
  }
  return { exitCode: codes.at(-1)!, commands: reports.flat() };
}

/** Assignments alone set variables; otherwise the command runs (assignments before it would be its environment, which commands do not read). */
async function runSimpleCommand(
  stage: SimpleCommand,
  streams: StageStreams,
  status: number,
  options: LineRunOptions,
  requestExit: (code: number) => void,
  reports: CommandOutcome[],
): Promise<number> {
  const lookup: ParameterLookup = (name) => (name === '?' ? String(status) : options.variables.get(name));
  const argv = expandAll(stage.words, lookup);
  if (argv.length === 0) {
    const values = stage.assignments.map(({ name, value }) => [name, expandText(value, lookup)] as const);
    for (const [name, value] of values) options.variables.set(name, value);
    return 0;
  }
  const topics = new Set<string>();
  const code = await runCommand(argv, streams, topics, options, status, requestExit);
  reports.push({ argv, exitCode: code, topics: [...topics] });
  return code;
}

/** Runs the body once for each value, the loop variable set to it; the status is the body's last (0 when it never ran). */
async function runForLoop(
  loop: ForLoop,
  streams: StageStreams,
  status: number,
  options: LineRunOptions,
  requestExit: (code: number) => void,
  reports: CommandOutcome[],
): Promise<number> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(loop.name)) {
    await streams.stderr.write(`${SHELL_NAME}: \`${loop.name}': not a valid identifier\n`);
    return 1;
  }
  const values = loop.values === null ? [] : expandAll(loop.values, (name) => (name === '?' ? String(status) : options.variables.get(name)));
  let last = status; // `$?` in the first round is the status before the loop
  for (const value of values) {
    if (options.signal.aborted) break;
    options.variables.set(loop.name, value);
    const round = await runLine(loop.body, { ...options, stdout: streams.stdout, stderr: streams.stderr, terminal: () => streams.stdin, lastStatus: last });
    last = round.exitCode;
    reports.push(...round.commands);
    if (round.exit !== undefined) {
      requestExit(round.exit);
      return round.exit;
    }
  }
  return values.length === 0 ? 0 : last;
}

/** What a stage is called in the "did not stop" message. */
function stageName(stage: ShellCommand, lookup: ParameterLookup): string {
  return stage.kind === 'for' ? 'for' : (safeArgv(stage, lookup)[0] ?? '');
}

function safeArgv(stage: SimpleCommand, lookup: ParameterLookup): string[] {
  try {
    return expandAll(stage.words, lookup);
  } catch {
    return [];
  }
}

async function runCommand(
  argv: string[],
  streams: StageStreams,
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
  lookup: ParameterLookup,
): StageStreams | string {
  const output: Record<number, OutputStream> = { 1: fds[1], 2: fds[2] };
  let stdin: LineInput = fds[0];
  for (const { fd, operator, target: word } of redirections) {
    const target = expandText(word, lookup);
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
