/**
 * `wc`: lines, words and bytes of standard input (`-l`, `-w`, `-c`, `-m` characters), laid out as
 * GNU wc lays out a pipe: one count alone, several right-aligned in 7 columns.
 */
import type { Command } from '../command.ts';
import { linesOf } from '../shell/line-input.ts';
import { invalidOption, noSuchFile } from './no-files.ts';

const FLAGS: Readonly<Record<string, 'lines' | 'words' | 'chars' | 'bytes'>> = {
  l: 'lines',
  w: 'words',
  m: 'chars',
  c: 'bytes',
  '--lines': 'lines',
  '--words': 'words',
  '--chars': 'chars',
  '--bytes': 'bytes',
};

/** GNU's order of the columns. */
const ORDER = ['lines', 'words', 'chars', 'bytes'] as const;

export const wcCommand: Command = {
  name: 'wc',
  summary: 'Counts lines, words, bytes of its input (-l -w -c).',
  completions: ['-l', '-w', '-c', '-m'],
  async run(context) {
    const wanted = new Set<(typeof ORDER)[number]>();
    const files: string[] = [];
    for (const arg of context.argv.slice(1)) {
      if (arg.startsWith('--') && FLAGS[arg]) wanted.add(FLAGS[arg]);
      else if (/^-[a-zA-Z]+$/.test(arg)) {
        for (const flag of arg.slice(1)) {
          if (!FLAGS[flag]) {
            await context.stderr.write(invalidOption('wc', `-${flag}`));
            return 1;
          }
          wanted.add(FLAGS[flag]);
        }
      } else if (arg.startsWith('-') && arg !== '-') {
        await context.stderr.write(invalidOption('wc', arg));
        return 1;
      } else files.push(arg);
    }
    const missing = files.filter((file) => file !== '-');
    for (const file of missing) await context.stderr.write(noSuchFile('wc', file));
    if (missing.length > 0 && missing.length === files.length) return 1;
    if (wanted.size === 0) ['lines', 'words', 'bytes'].forEach((count) => wanted.add(count as (typeof ORDER)[number]));

    const counts = { lines: 0, words: 0, chars: 0, bytes: 0 };
    for await (const { line, ended } of linesOf(context.stdin)) {
      const text = ended ? `${line}\n` : line;
      if (ended) counts.lines += 1;
      counts.words += line.split(/\s+/).filter((word) => word !== '').length;
      counts.chars += [...text].length;
      counts.bytes += utf8Length(text);
    }
    const shown = ORDER.filter((count) => wanted.has(count)).map((count) => String(counts[count]));
    const width = shown.length === 1 ? 1 : 7;
    await context.stdout.write(`${shown.map((count) => count.padStart(width)).join(' ')}\n`);
    return missing.length > 0 ? 1 : 0;
  },
};

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
