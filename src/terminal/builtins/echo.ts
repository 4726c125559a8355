/**
 * `echo`: bash's builtin. Options only as leading words made of `n`, `e`, `E` after a dash; `-e`
 * reads backslash escapes (`\n`, `\t`, `\c` stops the output, `\0nnn`, `\xHH`).
 */
import type { Command } from '../command.ts';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

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

function expandEscapes(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c !== '\\' || next === undefined) {
      out += c;
    } else if (next === 'c') {
      return { text: out, stop: true };
    } else if (SIMPLE_ESCAPES[next] !== undefined) {
      out += SIMPLE_ESCAPES[next];
      i += 1;
    } else if (next === '0') {
      const digits = /^[0-7]{0,3}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(digits || '0', 8));
      i += 1 + digits.length;
    } else if (next === 'x' && /^[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(digits, 16));
      i += 1 + digits.length;
    } else {
      out += c;
    }
  }
  return { text: out, stop: false };
}
