/**
 * What the learner ran in the lab terminal, read from `LabContext.activity`, so that a check can
 * say how the learner got where they are ("you created `test`, but with 1 partition").
 */
import type { LabActivity } from '../lab-context.ts';

export interface ToolRun {
  /** The whole line as typed. */
  line: string;
  at: number;
  /** The words of the tool's command (argv[0] is its name as typed). */
  argv: readonly string[];
  exitCode: number;
}

/** A Kafka tool's name as typed, without the tarball's `.sh`: `kafka-topics.sh` → `kafka-topics`. */
export function toolName(argv0: string): string {
  return argv0.replace(/\.sh$/, '');
}

/** The value of `--name` as jopt reads it (`--name v`, `--name=v`, `-name v`); the last one given. */
export function optionValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let index = 1; index < argv.length; index++) {
    const word = argv[index];
    for (const prefix of [`--${name}`, `-${name}`]) {
      if (word === prefix && index + 1 < argv.length) value = argv[index + 1];
      else if (word.startsWith(`${prefix}=`)) value = word.slice(prefix.length + 1);
    }
  }
  return value;
}

export function hasOption(argv: readonly string[], name: string): boolean {
  return argv.slice(1).some((word) => word === `--${name}` || word === `-${name}` || word.startsWith(`--${name}=`));
}

/** The learner's newest run of `tool` that `matches`, from the terminal's command activity. */
export function latestToolRun(activity: readonly LabActivity[], tool: string, matches: (argv: readonly string[]) => boolean = () => true): ToolRun | undefined {
  for (let index = activity.length - 1; index >= 0; index--) {
    const entry = activity[index];
    if (entry.kind !== 'command' || !entry.command) continue;
    const run = [...entry.command.commands].reverse().find((command) => command.argv.length > 0 && toolName(command.argv[0]) === tool && matches(command.argv));
    if (run) return { line: entry.detail, at: entry.at, argv: run.argv, exitCode: run.exitCode };
  }
  return undefined;
}
