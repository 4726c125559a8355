/**
 * The commands in a code block as a lesson shows them. A `console` block mixes prompts and output
 * (`$ kafka-topics ...` then what it printed); a `sh` block holds commands only. Both may continue a
 * command on the next line with a trailing backslash. Copy and "Run in terminal" take the commands,
 * never the `$ ` prompt or the output.
 */

/** Languages whose blocks are terminal sessions: `$ ` lines are commands, the others their output. */
export const SESSION_LANGUAGES: ReadonlySet<string> = new Set(['console', 'shellsession', 'shell-session']);
/** Languages whose blocks are commands only, one per line. */
export const SCRIPT_LANGUAGES: ReadonlySet<string> = new Set(['sh', 'bash', 'shell', 'zsh']);

const PROMPT = /^\$(?: |$)/;

/** A command as shown: its lines, continuation backslashes and indentation kept (what Copy copies). */
export type ShownCommand = string;

/** `$ a \` / `  --b` / `output` → [`a \` + newline + `  --b`]. */
export function sessionCommands(code: string): ShownCommand[] {
  const commands: string[] = [];
  let current: string[] | null = null;
  for (const line of code.split('\n')) {
    if (current && continues(current[current.length - 1])) {
      current.push(line);
      continue;
    }
    if (current) commands.push(current.join('\n'));
    current = PROMPT.test(line) ? [line.replace(PROMPT, '')] : null;
  }
  if (current) commands.push(current.join('\n'));
  return commands.filter((command) => command.trim() !== '');
}

/** Every line of a script block is a command (continuations joined); blank and comment-only lines are not. */
export function scriptCommands(code: string): ShownCommand[] {
  const commands: string[] = [];
  let current: string[] = [];
  for (const line of code.split('\n')) {
    if (current.length === 0 && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    current.push(line);
    if (!continues(line)) {
      commands.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length > 0) commands.push(current.join('\n'));
  return commands;
}

/** The commands of a block in `language`, or none when it is not a terminal block. */
export function shownCommands(language: string, code: string): ShownCommand[] {
  if (SESSION_LANGUAGES.has(language)) return sessionCommands(code);
  if (SCRIPT_LANGUAGES.has(language)) return scriptCommands(code);
  return [];
}

/** The command as one line, as a shell reads it: `a \` newline `  --b` → `a --b`. */
export function oneLine(command: ShownCommand): string {
  return command
    .split('\n')
    .map((line) => line.replace(/\\$/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
}

function continues(line: string): boolean {
  return /(^|[^\\])\\$/.test(line);
}
