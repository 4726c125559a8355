/** `cat`: copies standard input (`cat -n` numbers the lines). There are no files to read. */
import type { Command } from '../command.ts';
import { linesOf } from '../shell/line-input.ts';
import { invalidOption, noSuchFile } from './no-files.ts';

export const catCommand: Command = {
  name: 'cat',
  summary: 'Copies its input (-n: numbered lines).',
  completions: ['-n'],
  async run(context) {
    let number = false;
    const files: string[] = [];
    for (const arg of context.argv.slice(1)) {
      if (arg === '-n' || arg === '--number') number = true;
      else if (arg.startsWith('-') && arg !== '-') {
        await context.stderr.write(invalidOption('cat', arg.startsWith('--') ? arg : arg.slice(0, 2)));
        return 1;
      } else files.push(arg);
    }
    const missing = files.filter((file) => file !== '-');
    if (missing.length > 0) {
      for (const file of missing) await context.stderr.write(noSuchFile('cat', file));
      if (missing.length === files.length) return 1;
    }
    let count = 0;
    for await (const { line, ended } of linesOf(context.stdin)) {
      const text = number ? `${String(++count).padStart(6)}\t${line}` : line;
      await context.stdout.write(ended ? `${text}\n` : text);
    }
    return missing.length > 0 ? 1 : 0;
  },
};
