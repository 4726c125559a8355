/**
 * `grep`: the lines of standard input that match (`-v` those that do not, `-c` their count, `-i`
 * ignoring case, `-E` extended and `-F` fixed patterns, `-n` numbered, `-q` quiet, `-w`, `-x`, `-e`).
 * Status 0 when a line was selected, 1 when none, 2 on an error, as GNU grep.
 */
import type { Command } from '../command.ts';
import { linesOf } from '../shell/line-input.ts';
import { grepRegExp } from './grep-pattern.ts';
import type { PatternOptions } from './grep-pattern.ts';
import { noSuchFile } from './no-files.ts';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

interface GrepOptions extends PatternOptions {
  invert: boolean;
  count: boolean;
  lineNumbers: boolean;
  quiet: boolean;
}

const FLAGS: Readonly<Record<string, (options: GrepOptions) => void>> = {
  v: (o) => (o.invert = true),
  i: (o) => (o.ignoreCase = true),
  y: (o) => (o.ignoreCase = true),
  c: (o) => (o.count = true),
  n: (o) => (o.lineNumbers = true),
  q: (o) => (o.quiet = true),
  w: (o) => (o.wholeWord = true),
  x: (o) => (o.wholeLine = true),
  E: (o) => (o.syntax = 'extended'),
  F: (o) => (o.syntax = 'fixed'),
  G: (o) => (o.syntax = 'basic'),
};

const LONG_FLAGS: Readonly<Record<string, string>> = {
  '--invert-match': 'v',
  '--ignore-case': 'i',
  '--count': 'c',
  '--line-number': 'n',
  '--quiet': 'q',
  '--silent': 'q',
  '--word-regexp': 'w',
  '--line-regexp': 'x',
  '--extended-regexp': 'E',
  '--fixed-strings': 'F',
  '--basic-regexp': 'G',
};

export const grepCommand: Command = {
  name: 'grep',
  summary: 'Lines of its input that match (-v -i -c -E).',
  completions: ['-v', '-i', '-c', '-E', '-F', '-n', '-q', '-w', '-x', '-e'],
  async run(context) {
    const options: GrepOptions = {
      syntax: 'basic',
      ignoreCase: false,
      wholeWord: false,
      wholeLine: false,
      invert: false,
      count: false,
      lineNumbers: false,
      quiet: false,
    };
    const patterns: string[] = [];
    const operands: string[] = [];
    const args = context.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--') {
        operands.push(...args.slice(i + 1));
        break;
      }
      if (arg === '-e' || arg === '--regexp') {
        if (i + 1 >= args.length) {
          await context.stderr.write(`grep: option requires an argument -- 'e'\n${USAGE}`);
          return 2;
        }
        patterns.push(args[++i]);
      } else if (arg.startsWith('--regexp=')) {
        patterns.push(arg.slice('--regexp='.length));
      } else if (arg.startsWith('--color') || arg.startsWith('--colour')) {
        // colours are the terminal's business; accepted and ignored
      } else if (arg.startsWith('--')) {
        const flag = LONG_FLAGS[arg];
        if (!flag) {
          await context.stderr.write(`grep: unrecognized option '${arg}'\n${USAGE}`);
          return 2;
        }
        FLAGS[flag](options);
      } else if (arg.startsWith('-') && arg.length > 1) {
        for (let j = 1; j < arg.length; j++) {
          if (arg[j] === 'e') {
            const rest = arg.slice(j + 1) || args[++i];
            if (rest === undefined) {
              await context.stderr.write(`grep: option requires an argument -- 'e'\n${USAGE}`);
              return 2;
            }
            patterns.push(rest);
            break;
          }
          const set = FLAGS[arg[j]];
          if (!set) {
            await context.stderr.write(`grep: invalid option -- '${arg[j]}'\n${USAGE}`);
            return 2;
          }
          set(options);
        }
      } else {
        operands.push(arg);
      }
    }
    if (patterns.length === 0) {
      const pattern = operands.shift();
      if (pattern === undefined) {
        await context.stderr.write(USAGE);
        return 2;
      }
      patterns.push(pattern);
    }
    const files = operands.filter((file) => file !== '-');
    for (const file of files) await context.stderr.write(noSuchFile('grep', file));
    if (files.length > 0 && files.length === operands.length) return 2;

    let regexp: RegExp;
    try {
      regexp = grepRegExp(patterns, options);
    } catch {
      await context.stderr.write(`grep: invalid regular expression: ${patterns.join(' ')}\n`);
      return 2;
    }
    let selected = 0;
    let number = 0;
    for await (const { line } of linesOf(context.stdin)) {
      number += 1;
      if (regexp.test(line) === options.invert) continue;
      selected += 1;
      if (options.quiet) break;
      if (!options.count) await context.stdout.write(options.lineNumbers ? `${number}:${line}\n` : `${line}\n`);
    }
    if (options.count && !options.quiet) await context.stdout.write(`${selected}\n`);
    if (files.length > 0) return 2;
    return selected > 0 ? 0 : 1;
  },
};
