/**
 * How ZooKeeperMain splits its input (3.8.4 `MyCommandOptions`): the invocation's options before the
 * first word not starting with `-`, and a typed line into words where `"..."` or `'...'` keeps spaces.
 */

export interface Invocation {
  server: string;
  timeout: string;
  /** The one-shot command and its words, or undefined for the interactive shell. */
  command: string[] | undefined;
  /** `-timeout` or `-server` with nothing after it. */
  error?: string;
}

/** `parseOptions`: `-server h:p`, `-timeout ms`, `-r`, ...; the first other word starts the command. */
export function parseInvocation(args: readonly string[]): Invocation {
  const invocation: Invocation = { server: 'localhost:2181', timeout: '30000', command: undefined };
  for (let i = 0; i < args.length; i++) {
    const option = args[i];
    const valueOf = (key: 'server' | 'timeout') => {
      if (i + 1 >= args.length) invocation.error = `Error: no argument found for option ${option}`;
      else invocation[key] = args[++i];
    };
    if (option === '-server') valueOf('server');
    else if (option === '-timeout') valueOf('timeout');
    else if (option === '-client-configuration') i++;
    if (invocation.error) return invocation;
    if (!option.startsWith('-')) {
      invocation.command = args.slice(i);
      return invocation;
    }
  }
  return invocation;
}

const ARGS_PATTERN = /\s*([^"']\S*|"[^"]*"|'[^']*')\s*/g;
const QUOTED_PATTERN = /^(['"])(.*)(\1)$/;

/** `parseCommand`: the words of a typed line, quotes stripped; empty when nothing matched. */
export function commandWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(ARGS_PATTERN)) {
    const value = match[1];
    words.push(QUOTED_PATTERN.test(value) ? value.slice(1, -1) : value);
  }
  return words;
}
