/**
 * `help`: the commands of the lab shell with their one-line summaries, Kafka tools first, and the
 * promise that matters to a learner: the tools behave like Kafka 3.9 / Confluent 7.9's.
 */
import type { Command } from '../command.ts';
import { shellOf } from '../shell/shell-access.ts';

export function helpCommandFor(shellBuiltins: () => readonly Command[]): Command {
  return {
    name: 'help',
    summary: 'Lists the commands of the lab shell (help NAME: one command).',
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
            await context.stderr.write(`kafkalab: help: no help topics match \`${name}'.  Try \`help' for the list of commands.\n`);
            status = 1;
          }
        }
        return status;
      }
      const builtins = new Set(shellBuiltins());
      const tools = all.filter((command) => !builtins.has(command));
      const shellCommands = all.filter((command) => builtins.has(command));
      const width = Math.max(...all.map((command) => command.name.length)) + 2;
      const table = (commands: readonly Command[]) => commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}\n`).join('');
      let text =
        'The lab shell of kafkalab. Its Kafka tools behave like those of Kafka 3.9 / Confluent 7.9:\n' +
        'the same options, output and messages (each also answers to its Apache name, kafka-topics.sh).\n';
      if (tools.length > 0) text += `\nKafka and cluster tools:\n${table(tools)}`;
      text += `\nShell:\n${table(shellCommands)}`;
      text += '\nKeys: Tab completes commands and options, Up/Down recall lines, Ctrl-C stops a command,\nCtrl-D ends input (the console producer) or the shell. Pipes into head, tail, grep and wc work.\n';
      await context.stdout.write(text);
      return 0;
    },
  };
}
