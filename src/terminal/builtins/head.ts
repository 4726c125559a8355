/**
 * `head`: the first lines of standard input (10, or `-n N`). It stops reading once it has them, so
 * the command before it in a pipe sees the pipe closed (`kafka-console-consumer ... | head -3`).
 */
import type { Command } from '../command.ts';
import { readLineWithEnd } from '../shell/line-input.ts';
import { parseLineCount } from './line-count-option.ts';
import { noSuchFile } from './no-files.ts';

export const headCommand: Command = {
  name: 'head',
  summary: 'The first lines of its input (-n N).',
  completions: ['-n', '--lines='],
  async run(context) {
    const parsed = parseLineCount('head', context.argv.slice(1));
    if (typeof parsed === 'string') {
      await context.stderr.write(parsed);
      return 1;
    }
    const files = parsed.files.filter((file) => file !== '-');
    for (const file of files) await context.stderr.write(noSuchFile('head', file));
    if (files.length > 0 && files.length === parsed.files.length) return 1;
    for (let i = 0; i < parsed.count; i++) {
      const read = await readLineWithEnd(context.stdin);
      if (read === null) break;
      await context.stdout.write(read.ended ? `${read.line}\n` : read.line);
    }
    return files.length > 0 ? 1 : 0;
  },
};
