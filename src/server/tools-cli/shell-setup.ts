/**
 * `kafkalab tools`: how to type the course's Kafka tools by their real names in the learner's own shell.
 * `--shell bash|zsh|fish` prints one function per tool name (`kafka-topics`, `kafka-topics.sh`, ...) that
 * runs this kafkalab with this Node, for `eval "$(npx kafkalab tools --shell bash)"`. Functions rather
 * than files on PATH: nothing is installed, and a new shell without the line has none of them.
 */

export const SETUP_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type SetupShell = (typeof SETUP_SHELLS)[number];

export interface ToolLauncher {
  /** The Node binary to run kafkalab with (this one: the tools need Node >= 22.13). */
  node: string;
  /** kafkalab's entry point (`bin/kafkalab.js`). */
  entry: string;
  /** The names the tools answer to. */
  names: readonly string[];
}

export function isSetupShell(name: string): name is SetupShell {
  return (SETUP_SHELLS as readonly string[]).includes(name);
}

/** Shell code defining a function per tool name. */
export function shellFunctions(shell: SetupShell, launcher: ToolLauncher): string {
  if (shell === 'fish') {
    const run = `${fishQuote(launcher.node)} ${fishQuote(launcher.entry)}`;
    return launcher.names.map((name) => `function ${name}; ${run} ${name} $argv; end\n`).join('');
  }
  const run = `${posixQuote(launcher.node)} ${posixQuote(launcher.entry)}`;
  return launcher.names.map((name) => `${name}() { ${run} ${name} "$@"; }\n`).join('');
}

/** What `kafkalab tools` prints without `--shell`. */
export function setupInstructions(names: readonly string[]): string {
  const example = names.includes('kafka-topics') ? 'kafka-topics --bootstrap-server localhost:19092 --list' : `${names[0] ?? 'zookeeper-shell'} --help`;
  return `The course's Kafka tools run in your own terminal too, against any cluster you can reach:
  npx kafkalab ${example}

To type them by their real names (with and without .sh), define them in your shell:
  bash:  eval "$(npx kafkalab tools --shell bash)"
  zsh:   eval "$(npx kafkalab tools --shell zsh)"
  fish:  npx kafkalab tools --shell fish | source
Add that line to ~/.bashrc, ~/.zshrc or ~/.config/fish/config.fish to have them in every new shell.

Tools: ${names.join(' ')}
`;
}

function posixQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function fishQuote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
