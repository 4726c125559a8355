/**
 * The lines a learner runs in the terminal, recorded as lab activity (`kind: 'command'`), so that a check
 * can say "you created the topic, but with 1 partition". Only sessions that report their command lines
 * (the lab shell) have any; a Docker TTY session does not.
 */
import type { LabActivity } from '../../labs/lab-context.ts';
import type { TerminalSession } from '../../terminal/terminal-session.ts';

/** One line the shell ran, as the lab shell reports it. */
export interface CommandLineReport {
  line: string;
  startedAt: number;
  finishedAt: number;
  /** The line's exit status (its last command's). */
  exitCode: number;
  commands: ReadonlyArray<{ argv: readonly string[]; exitCode: number; topics: readonly string[] }>;
}

/** A session that tells which lines ran in it. */
export interface CommandReporting {
  onCommand(listener: (report: CommandLineReport) => void): () => void;
}

export function reportsCommands(session: TerminalSession): session is TerminalSession & CommandReporting {
  return typeof (session as Partial<CommandReporting>).onCommand === 'function';
}

export interface ActivitySink {
  record(learner: string, activity: LabActivity): void;
}

/** Records each line run in `session` as `learner`'s activity; returns the unsubscribe function. */
export function recordCommandActivity(session: TerminalSession, log: ActivitySink, learner: string): () => void {
  if (!reportsCommands(session)) return () => {};
  return session.onCommand((report) =>
    log.record(learner, {
      at: report.startedAt,
      kind: 'command',
      detail: report.line,
      command: {
        exitCode: report.exitCode,
        commands: report.commands.map((command) => ({ argv: [...command.argv], exitCode: command.exitCode, topics: [...command.topics] })),
      },
    }),
  );
}
