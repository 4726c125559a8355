/**
 * A command of the lab shell: a Kafka tool, a shell builtin (`help`, `clear`), or a filter (`grep`).
 *
 * A command gets its arguments, three streams and an abort signal, and resolves to its exit status;
 * it never touches a process, a file or the network other than through `CommandContext`. Output
 * writes return a promise: awaiting it is how a command honours flow control (a paused terminal, a
 * `head` that has had enough), so a tool printing 100 000 records waits instead of piling them up.
 */
import type { ToolEnvironment } from './tool-environment.ts';

export interface OutputStream {
  /**
   * Writes text (`\n` line ends; the terminal layer turns them into `\r\n`). Resolves when the stream
   * can take more. Writing after the reader went away (`head -1` is done) resolves without effect.
   */
  write(text: string): Promise<void>;
  /**
   * True once nobody reads any more (the `head -3` after it in a pipe is done). A JVM tool ignores
   * SIGPIPE and sees a failed write instead; the tools check this where the real one checks
   * `PrintStream.checkError()`.
   */
  readonly closed: boolean;
}

export interface InputStream {
  /**
   * The next line without its line end, or `null` at the end of input (Ctrl-D at the terminal, the end
   * of a pipe) or once the command is interrupted. On a terminal the shell does the line editing
   * (echo, backspace, arrows) while a command waits here, as a TTY in cooked mode does.
   */
  readLine(): Promise<string | null>;
  /** True when this is the learner's terminal, false in a pipe (`echo hi | kafka-console-producer ...`). */
  readonly isTerminal: boolean;
}

/** What a command did, beyond its exit status, for the learner's lab progress. */
export interface CommandFacts {
  /** Topics the command created, altered, deleted, produced to or consumed from. */
  topics: string[];
}

export interface CommandContext {
  /** `argv[0]` is the name as typed (`kafka-topics.sh`); the rest are the arguments after quote removal. */
  readonly argv: readonly string[];
  readonly stdin: InputStream;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Aborted by Ctrl-C (SIGINT) or when the session closes: stop, print what the real tool prints, return. */
  readonly signal: AbortSignal;
  readonly env: ToolEnvironment;
  /** The screen's width, for tools that lay out to it. */
  readonly columns: number;
  /** Records a topic the command touched (see `CommandFacts`). */
  touchedTopic(topic: string): void;
}

export interface Command {
  /** The name the learner types; the Kafka tools also answer to `<name>.sh`. */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line for `help`. */
  readonly summary: string;
  /** Words offered by tab completion after the command name (its options, `--topic`, ...). */
  readonly completions?: readonly string[];
  /** Runs to completion and resolves to the exit status (130 after Ctrl-C, as a shell reports SIGINT). */
  run(context: CommandContext): Promise<number>;
}
