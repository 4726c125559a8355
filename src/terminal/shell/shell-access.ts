/**
 * What the shell's own builtins (`help`, `history`, `exit`) reach beyond `CommandContext`: the
 * shell that runs them. The shell attaches it to the context it gives a command; anywhere else
 * (a command run alone in a test, `npx kafkalab <tool>`) there is none.
 */
import type { CommandContext } from '../command.ts';
import type { CommandRegistry } from './command-registry.ts';

export interface ShellAccess {
  readonly commands: CommandRegistry;
  /** The history as `history` numbers it: entries and the number of the first. */
  history(): { entries: readonly string[]; firstNumber: number };
  clearHistory(): void;
  /** Ends the shell with `code` once the command returns (the rest of the line does not run). */
  exit(code: number): void;
  /** `$?`: the status of the last command line. */
  readonly lastStatus: number;
}

const SHELL = Symbol('kafkalab lab shell');

export function withShell(context: CommandContext, shell: ShellAccess): CommandContext {
  return Object.assign(context, { [SHELL]: shell });
}

export function shellOf(context: CommandContext): ShellAccess | undefined {
  return (context as CommandContext & { [SHELL]?: ShellAccess })[SHELL];
}
