/**
 * `printf FORMAT [ARGUMENTS]`: bash's builtin, the common part. The format's escapes are read
 * (`\n`, `\t`, `\nnn`), its conversions (`%s %b %c %d %i %u %x %X %o %f %%`, with flags, width and
 * precision) take the arguments in turn, and the format is used again while arguments are left
 * (`printf '%s\n' a b` writes two lines). A missing argument is empty or 0; a number that is not one
 * is reported as bash does and counts as 0 (status 1).
 */
import type { Command } from '../command.ts';
import { expandEscapes } from './backslash-escapes.ts';

const CONVERSION = /%([-+ 0#]*)(\d*)(?:\.(\d*))?([sbcdiuxXofeEgG%])?/g;

export const printfCommand: Command = {
  name: 'printf',
  summary: 'Writes its arguments by a format (printf FORMAT [ARGUMENTS]).',
  async run(context) {
    const args = context.argv.slice(1);
    if (args[0] === '--') args.shift();
    if (args.length === 0) {
      await context.stderr.write('kafkalab: printf: usage: printf [-v var] format [arguments]\n');
      return 2;
    }
    const format = args.shift()!;
    const errors: string[] = [];
    let out = '';
    let next = 0;
    const take = () => (next < args.length ? args[next++] : undefined);
    do {
      const consumedBefore = next;
      const { text, stop } = formatOnce(format, take, errors);
      out += text;
      if (stop || next === consumedBefore) break; // a format without conversions is written once
    } while (next < args.length);
    await context.stdout.write(out);
    for (const error of errors) await context.stderr.write(`kafkalab: printf: ${error}\n`);
    return errors.length > 0 ? 1 : 0;
  },
};

function formatOnce(format: string, take: () => string | undefined, errors: string[]): { text: string; stop: boolean } {
  let text = '';
  let last = 0;
  for (const match of format.matchAll(CONVERSION)) {
    text += expandEscapes(format.slice(last, match.index), 'plain').text;
    last = match.index + match[0].length;
    const [whole, flags, width, precision, conversion] = match;
    if (conversion === undefined) {
      text += whole; // `%` before something else is written as it is
      continue;
    }
    if (conversion === '%') {
      text += '%';
      continue;
    }
    if (conversion === 'b') {
      const { text: expanded, stop } = expandEscapes(take() ?? '');
      text += pad(expanded, flags, width);
      if (stop) return { text, stop: true };
      continue;
    }
    text += pad(convert(conversion, flags, precision, take(), errors), flags, width);
  }
  return { text: text + expandEscapes(format.slice(last), 'plain').text, stop: false };
}

function convert(conversion: string, flags: string, precision: string | undefined, argument: string | undefined, errors: string[]): string {
  if (conversion === 's') return precision === undefined ? (argument ?? '') : (argument ?? '').slice(0, Number(precision));
  if (conversion === 'c') return (argument ?? '').slice(0, 1);
  const number = numberOf(argument ?? '', errors, /[feEgG]/.test(conversion));
  const sign = (value: number) => (value < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '');
  switch (conversion) {
    case 'd':
    case 'i':
      return sign(number) + Math.trunc(Math.abs(number)).toString();
    case 'u':
      return Math.trunc(number).toString();
    case 'x':
    case 'X': {
      const hex = Math.trunc(number).toString(16);
      return conversion === 'X' ? hex.toUpperCase() : hex;
    }
    case 'o':
      return Math.trunc(number).toString(8);
    case 'f':
      return sign(number) + Math.abs(number).toFixed(precision === undefined ? 6 : Number(precision || 0));
    case 'e':
    case 'E': {
      const text = Math.abs(number).toExponential(precision === undefined ? 6 : Number(precision || 0)).replace(/e([+-])(\d)$/, 'e$10$2');
      return sign(number) + (conversion === 'E' ? text.toUpperCase() : text);
    }
    default:
      return sign(number) + String(Math.abs(number));
  }
}

/** An argument as a number: decimal, 0x hex, 0 octal, or 'c (the character's code), as bash reads them. */
function numberOf(text: string, errors: string[], fractional: boolean): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (/^['"]/.test(trimmed)) return trimmed.codePointAt(1) ?? 0;
  if (fractional && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return Number(trimmed);
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(trimmed)) return (trimmed.startsWith('-') ? -1 : 1) * parseInt(trimmed.replace(/^[+-]/, ''), 16);
  if (/^[+-]?0[0-7]+$/.test(trimmed)) return parseInt(trimmed, 8);
  if (/^[+-]?\d+$/.test(trimmed)) return Number(trimmed);
  errors.push(`${text}: invalid number`);
  const leading = /^[+-]?\d+/.exec(trimmed);
  return leading ? Number(leading[0]) : 0;
}

/** Width with `-` (left-aligned) or `0` (zeros after the sign). */
function pad(text: string, flags: string, width: string): string {
  const size = Number(width || 0);
  if (text.length >= size) return text;
  if (flags.includes('-')) return text.padEnd(size);
  if (flags.includes('0') && /^[+\- ]?\d/.test(text)) {
    const sign = /^[+\- ]/.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(size - sign.length, '0');
  }
  return text.padStart(size);
}
