/** `tail`: the last lines of standard input (10, `-n N`), or from line N on (`-n +N`). */
import type { Command } from '../command.ts';
import { linesOf } from '../shell/line-input.ts';
import type { ReadLine } from '../shell/line-input.ts';
import { parseLineCount } from './line-count-option.ts';
import { noSuchFile } from './no-files.ts';

export const tailCommand: Command = {
  name: 'tail',
  summary: 'The last lines of its input (-n N, -n +N).',
  completions: ['-n', '--lines='],
  async run(context) {
    const parsed = parseLineCount('tail', context.argv.slice(1));
    if (typeof parsed === 'string') {
      await context.stderr.write(parsed);
      return 1;
    }
    const files = parsed.files.filter((file) => file !== '-');
    for (const file of files) await context.stderr.write(noSuchFile('tail', file));
    if (files.length > 0 && files.length === parsed.files.length) return 1;
    const write = (read: ReadLine) => context.stdout.write(read.ended ? `${read.line}\n` : read.line);
    if (parsed.fromStart) {
      let number = 0;
      for await (const read of linesOf(context.stdin)) if (++number >= parsed.count) await write(read);
    } else {
      const last: ReadLine[] = [];
      for await (const read of linesOf(context.stdin)) {
        last.push(read);
        if (last.length > parsed.count) last.shift();
      }
      for (const read of last) await write(read);
    }
    return files.length > 0 ? 1 : 0;
  },
};
