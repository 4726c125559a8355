/**
 * Runs one command outside a shell, for tests: scripted standard input, captured output, an abort
 * controller standing in for Ctrl-C.
 */
import type { Command, CommandContext, InputStream, OutputStream } from '../command.ts';
import type { ToolEnvironment } from '../tool-environment.ts';

export interface CommandRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Topics the command reported touching. */
  topics: string[];
}

export interface RunCommandOptions {
  env: ToolEnvironment;
  /** Lines of standard input (then end of input), or a stream that a test feeds itself. */
  stdin?: readonly string[] | InputStream;
  /** Standard output of the test's own (a slow screen, a pipe whose reader left); not captured then. */
  stdout?: OutputStream;
  /** Abort to interrupt the command as Ctrl-C would. */
  signal?: AbortSignal;
  columns?: number;
  /** Called with every write, as it happens (to wait for a prompt or a line). */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
}

/** A command's context with its output captured, for tests that call a tool's parts themselves. */
export interface TestCommandContext {
  readonly context: CommandContext;
  /** What was written so far. */
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Topics the command reported touching, in order. */
  readonly topics: () => string[];
}

export function testCommandContext(argv: readonly string[], options: RunCommandOptions): TestCommandContext {
  const out = { stdout: '', stderr: '' };
  const topics = new Set<string>();
  const stream = (name: 'stdout' | 'stderr'): OutputStream => ({
    closed: false,
    async write(text: string) {
      out[name] += text;
      options.onOutput?.(name, text);
    },
  });
  const context: CommandContext = {
    argv,
    stdin: inputOf(options.stdin ?? [], options.signal),
    stdout: options.stdout ?? stream('stdout'),
    stderr: stream('stderr'),
    signal: options.signal ?? new AbortController().signal,
    env: options.env,
    columns: options.columns ?? 80,
    touchedTopic: (topic) => topics.add(topic),
  };
  return { context, stdout: () => out.stdout, stderr: () => out.stderr, topics: () => [...topics] };
}

export async function runCommand(command: Command, args: readonly string[], options: RunCommandOptions): Promise<CommandRun> {
  const run = testCommandContext([command.name, ...args], options);
  const exitCode = await command.run(run.context);
  return { exitCode, stdout: run.stdout(), stderr: run.stderr(), topics: run.topics() };
}

function inputOf(stdin: readonly string[] | InputStream, signal: AbortSignal | undefined): InputStream {
  if (!Array.isArray(stdin)) return stdin as InputStream;
  const lines = [...(stdin as readonly string[])];
  return {
    isTerminal: false,
    async readLine() {
      if (signal?.aborted) return null;
      return lines.shift() ?? null;
    },
  };
}

/** Standard input a test feeds line by line (`push`) and ends (`end`), like a learner typing. */
export class ScriptedInput implements InputStream {
  readonly isTerminal = true;
  readonly #lines: Array<string | null> = [];
  #waiting: ((line: string | null) => void) | null = null;

  push(line: string): void {
    this.#deliver(line);
  }

  /** Ctrl-D. */
  end(): void {
    this.#deliver(null);
  }

  readLine(): Promise<string | null> {
    if (this.#lines.length > 0) return Promise.resolve(this.#lines.shift()!);
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  #deliver(line: string | null): void {
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = null;
      waiting(line);
    } else this.#lines.push(line);
  }
}
