/**
 * `echo`: bash's builtin. Options only as leading words made of `n`, `e`, `E` after a dash; `-e`
 * reads backslash escapes (`\n`, `\t`, `\c` stops the output, `\0nnn`, `\xHH`).
 */
import type { Command } from '../command.ts';
import { expandEscapes } from './backslash-escapes.ts';

export const echoCommand: Command = {
  name: 'echo',
  summary: 'Writes its arguments (-n: no line end, -e: escapes).',
  async run(context) {
    const args = context.argv.slice(1);
    let newline = true;
    let escapes = false;
    while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
      for (const flag of args.shift()!.slice(1)) {
        if (flag === 'n') newline = false;
        else escapes = flag === 'e';
      }
    }
    let text = args.join(' ');
    if (escapes) {
      const { text: expanded, stop } = expandEscapes(text);
      text = expanded;
      if (stop) newline = false;
    }
    await context.stdout.write(newline ? `${text}\n` : text);
    return 0;
  },
};
