/**
 * `help`: the commands of the lab shell with their one-line summaries, Kafka tools first, and the
 * promise that matters to a learner: the tools behave like Kafka 3.9 / Confluent 7.9's.
 */
import type { Command } from '../command.ts';
import { shellOf } from '../shell/shell-access.ts';

export function helpCommandFor(shellBuiltins: () => readonly Command[]): Command {
  return {
    name: 'help',
    summary: 'Lists the commands (help NAME: one of them).',
    async run(context) {
      const shell = shellOf(context);
      if (!shell) {
        await context.stderr.write('help: only in the lab shell\n');
        return 1;
      }
      const all = shell.commands.commands();
      const asked = context.argv.slice(1);
      if (asked.length > 0) {
        let status = 0;
        for (const name of asked) {
          const command = shell.commands.find(name);
          if (command) await context.stdout.write(`${command.name}: ${command.summary}\n  ${command.name} --help shows its options.\n`);
          else {
            await context.stderr.write(`kafkalab: help: no help topics match \`${name}'. Try \`help'.\n`);
            status = 1;
          }
        }
        return status;
      }
      const builtins = new Set(shellBuiltins());
      const tools = all.filter((command) => !builtins.has(command));
      const shellCommands = all.filter((command) => builtins.has(command));
      const width = Math.max(...all.map((command) => command.name.length)) + 2;
      const table = (commands: readonly Command[]) =>
        commands.map((command) => `  ${command.name.padEnd(width)}${wrap(command.summary, context.columns - width - 2, ' '.repeat(width + 2))}\n`).join('');
      let text =
        'The Kafka tools of this shell behave like Kafka 3.9 / Confluent 7.9\'s: the same\n' +
        'options, output and messages. Each also answers to its Apache name (kafka-topics.sh).\n';
      if (tools.length > 0) text += `\nKafka and cluster tools:\n${table(tools)}`;
      text += `\nShell:\n${table(shellCommands)}`;
      text +=
        '\nTab completes commands and options, Up/Down recall lines, Ctrl-C stops a command,\n' +
        'Ctrl-D ends the input (of the console producer) or the shell. Pipes into head,\n' +
        'tail, grep and wc work; redirections only to /dev/null (there are no files).\n';
      await context.stdout.write(text);
      return 0;
    },
  };
}

/** `text` in lines of at most `width` characters (words kept whole), later lines indented. */
function wrap(text: string, width: number, indent: string): string {
  if (width < 20 || text.length <= width) return text;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${indent}`);
}
