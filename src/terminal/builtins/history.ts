/** `history`: the lines typed, numbered as bash numbers them (`history N` the last N, `history -c` forgets). */
import type { Command } from '../command.ts';
import { shellOf } from '../shell/shell-access.ts';

export const historyCommand: Command = {
  name: 'history',
  summary: 'The lines typed so far (history N, history -c).',
  async run(context) {
    const shell = shellOf(context);
    if (!shell) {
      await context.stderr.write('history: only in the lab shell\n');
      return 1;
    }
    const [option, ...rest] = context.argv.slice(1);
    if (option === '-c') {
      shell.clearHistory();
      return 0;
    }
    if (rest.length > 0) {
      await context.stderr.write('kafkalab: history: too many arguments\n');
      return 1;
    }
    if (option !== undefined && !/^[0-9]+$/.test(option)) {
      await context.stderr.write(
        option.startsWith('-')
          ? `kafkalab: history: ${option.slice(0, 2)}: invalid option\nhistory: usage: history [-c] [n]\n`
          : `kafkalab: history: ${option}: numeric argument required\n`,
      );
      return option.startsWith('-') ? 2 : 1;
    }
    const { entries, firstNumber } = shell.history();
    const from = option === undefined ? 0 : Math.max(0, entries.length - Number(option));
    let text = '';
    for (let i = from; i < entries.length; i++) text += `${String(firstNumber + i).padStart(5)}  ${entries[i]}\n`;
    await context.stdout.write(text);
    return 0;
  },
};
