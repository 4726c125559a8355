/** `exit [n]`: ends the shell with status n (default: the last command's), as bash's builtin. */
import type { Command } from '../command.ts';
import { shellOf } from '../shell/shell-access.ts';

export const exitCommand: Command = {
  name: 'exit',
  summary: 'Ends the shell (exit N: with status N).',
  async run(context) {
    const shell = shellOf(context);
    const args = context.argv.slice(1);
    let code = shell?.lastStatus ?? 0;
    if (args.length > 0 && !/^[+-]?[0-9]+$/.test(args[0])) {
      await context.stderr.write(`kafkalab: exit: ${args[0]}: numeric argument required\n`);
      code = 2;
    } else if (args.length > 1) {
      await context.stderr.write('kafkalab: exit: too many arguments\n');
      return 1;
    } else if (args.length === 1) {
      code = ((Number(args[0]) % 256) + 256) % 256;
    }
    shell?.exit(code);
    return code;
  },
};
