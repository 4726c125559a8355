/**
 * The `-n N` of `head` and `tail` in its GNU spellings: `-n N`, `-nN`, `--lines=N`, `--lines N`,
 * `-N`; `tail` also takes `+N` (from line N on). Other words are file names.
 */
import { invalidOption } from './no-files.ts';

export interface LineCountArguments {
  count: number;
  /** `tail -n +N`: from line N on. */
  fromStart: boolean;
  files: string[];
}

export function parseLineCount(tool: string, args: readonly string[], defaultCount = 10): LineCountArguments | string {
  let value: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-n' || arg === '--lines') {
      if (i + 1 >= args.length) return `${tool}: option requires an argument -- 'n'\nTry '${tool} --help' for more information.\n`;
      value = args[++i];
    } else if (arg.startsWith('--lines=')) value = arg.slice('--lines='.length);
    else if (/^-n./.test(arg)) value = arg.slice(2);
    else if (/^-[0-9]+$/.test(arg)) value = arg.slice(1);
    else if (arg.startsWith('-') && arg !== '-') return invalidOption(tool, arg.startsWith('--') ? arg : arg.slice(0, 2));
    else files.push(arg);
  }
  if (value === undefined) return { count: defaultCount, fromStart: false, files };
  const fromStart = value.startsWith('+');
  if (!/^[+-]?[0-9]+$/.test(value) || (value.startsWith('-') && tool === 'head')) {
    return `${tool}: invalid number of lines: '${value}'\n`;
  }
  return { count: Math.abs(Number(value)), fromStart, files };
}
