/**
 * The lines a learner runs in the terminal, recorded as lab activity (`kind: 'command'`), so that a check
 * can say "you created the topic, but with 1 partition". Only sessions that report their command lines
 * (the lab shell) have any; a Docker TTY session does not.
 */
import type { LabActivity } from '../../labs/lab-context.ts';
import type { CommandLineReport } from '../../terminal/shell/lab-shell.ts';
import type { TerminalSession } from '../../terminal/terminal-session.ts';

/** A session that tells which lines ran in it (the lab shell does). */
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
